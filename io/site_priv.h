/*
 * site_priv.h - what the site reader's files share (io/site_*.c): the
 * reader state, value parsers and the checks run after reading.
 *
 * Not a public header.  Reading fills struct ro_site with references still
 * as pool strings in side arrays: site_read.c streams the XML, one handler
 * per element; site_inventory.c reads the CSV inventories it names;
 * site_attr.c turns attribute values into numbers and times with messages;
 * site_client.c makes client records from XML elements and CSV rows alike.
 * site_check.c then resolves the references, runs the semantic checks of
 * docs/site-format.md and applies the requested scenario.
 */
#ifndef RO_SITE_PRIV_H
#define RO_SITE_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/site.h"

/* ---- values (site_value.c) ---------------------------------------------- */

enum { RO_SV_OK, RO_SV_SYNTAX, RO_SV_RANGE };

/* Digits only, value <= max. */
int ro_sv_uint(const char *s, int64_t max, int64_t *out);
/* A decimal "d+(.d+)?" times mul, rounded to the nearest integer (halves
 * up), exactly; RO_SV_RANGE above max. */
int ro_sv_decimal(const char *s, int64_t mul, int64_t max, int64_t *out);
/* "0.8" or "80%", 0 to 1, as parts per million. */
int ro_sv_fraction(const char *s, uint32_t *ppm);
/* A weekly window from days/from/to (any may be NULL) as up to 7 spans.
 * Returns NULL, or a message saying what is wrong and how to fix it. */
const char *ro_sv_window(const char *days, const char *from, const char *to,
			 struct ro_wspan *out, size_t *n);
/* "ccim logon push" (any order, at least one). */
bool ro_sv_triggers(const char *s, uint8_t *bits);
/* An id: letters, digits, '.', '-', '_', ':'; not empty. */
bool ro_sv_is_id(const char *s);

/* ---- reader state ------------------------------------------------------- */

/* Attribute names of every element (also the CSV column names). */
enum ro_attr {
	A_ID, A_NAME, A_VERSION, A_START, A_END, A_SLOT, A_LOGON, A_DELAY,
	A_RCAP, A_ADVERTS, A_DAYS, A_FROM, A_TO, A_DEFAULT, A_VALUE, A_STATE,
	A_KIND, A_CAPACITY, A_BACKGROUND, A_PARENT, A_SHARE, A_LINK, A_READY,
	A_MAXC, A_BASE, A_SIZE, A_USER, A_COUNT, A_OS, A_REBOOTS, A_SEGMENT,
	A_CAP, A_COMPONENTS, A_CONNECTION, A_OFFICE, A_CALENDAR, A_TRIGGERS,
	A_PHASE, A_PRIORITY, A_RATE, A_FILE, A_CONTROL, A_LOGON_PATH,
	A_PROPAGATION, A_RAS_KBPS, A_DEFER, A_AT, A_STEP, A_COMPLIANCE, A_USE,
	A_USER_GROUP, A_INSTALLED, A_N
};
extern const char *const ro_attr_names[A_N];

/* References of a client record, as pool offsets until resolved. */
struct ro_pend_client {
	uint32_t segment, cap, calendar, office, components, group;
};

struct ro_pend_link {
	uint32_t parent, background;
};

struct ro_pend_server {
	uint32_t link;
	bool has_ready;
};

/* Policy attributes given in an element (base or scenario). */
struct ro_pol_over {
	long line;
	bool has_logon, has_delay, has_cap, has_adverts, has_windows;
	bool has_control, has_logon_path, has_propagation, has_ras, has_defer;
	bool has_releases;
	struct ro_policy p;
};

struct ro_scen_link {
	uint32_t id, background;
	long line;
	bool has_capacity, has_share, has_background;
	int64_t capacity_bps;
	uint32_t share_ppm;
};

struct ro_scen_cap {
	uint32_t id;
	long line;
	bool has_ready, has_max;
	ro_time ready;
	int32_t max_concurrent;
};

/* A scenario's <user-group>: what it overrides. */
struct ro_scen_group {
	uint32_t id;
	long line;
	bool has_compliance, has_use;
	uint32_t compliance_ppm;
	enum ro_use use;
};

struct ro_scen_exc {
	uint32_t calendar;
	struct ro_exception e;
};

struct ro_scenario {
	uint32_t id;
	long line;
	long horizon_line;
	bool has_start, has_end, has_slot;
	bool bad_start, bad_end;   /* given, but not a date-time (reported) */
	ro_time start, end;
	int32_t slot_min;
	struct ro_pol_over pol;
	bool has_policy;
	struct ro_profile *profiles; size_t nprofiles;
	struct ro_calendar *calendars; size_t ncalendars;
	struct ro_scen_exc *exc; size_t nexc;
	struct ro_scen_link *links; size_t nlinks;
	struct ro_scen_cap *caps; size_t ncaps;
	struct ro_scen_group *groups; size_t ngroups;
};

struct ro_site_reader {
	struct ro_site *s;
	struct ro_diag *d;      /* semantic errors of this load */
	const char *name;       /* the site file, for messages */
	uint32_t file_off;      /* its pool offset */
	bool oom;
	bool limit;             /* a size limit was exceeded */

	uint32_t *itab;         /* intern table: pool offsets, 0 = empty */
	size_t icap, ilen;

	long horizon_line, payload_line;
	/* the horizon's start or end did not parse (reported): the checks
	 * that depend on it are skipped, so one bad date is one error */
	bool horizon_bad;
	struct ro_pend_link *plinks;
	struct ro_pend_server *pservers;
	struct ro_pend_client *pclients;
	struct ro_scenario *scen; size_t nscen;
};

/* The attributes of one element or CSV row, by enum ro_attr; NULL: absent
 * (an empty CSV field is absent too). */
struct ro_attrs {
	const char *v[A_N];
};

/* The element's subject for messages: "link 'hq'", "horizon". */
struct ro_where {
	const char *file;
	long line;
	const char *kind;
	const char *id;         /* NULL: the element has none */
};

#define ERR(r, file, line, ...) ro_diag_add((r)->d, (file), (line), __VA_ARGS__)

/* ---- attribute values (site_attr.c) --------------------------------------
 * Each getter reports a bad value as "KIND 'ID': what; hint" and returns
 * false; an absent attribute leaves the default and is not an error,
 * except for ro_sr_get_time, which returns false without a message. */

/* Pushes one zeroed element onto a ro_grow array; NULL on failure (r->oom
 * set). */
void *ro_sr_push(struct ro_site_reader *r, void **v, size_t *n, size_t sz);
#define PUSH(r, arr, n) ro_sr_push((r), (void **)&(arr), &(n), sizeof *(arr))

/* Reports attribute attr: fmt formats attr's name and val. */
void ro_sr_bad(struct ro_site_reader *r, const struct ro_where *w,
	       const char *fmt, const char *attr, const char *val,
	       const char *hint);
/* An integer from lo to hi; absent: dflt. */
bool ro_sr_get_int(struct ro_site_reader *r, const struct ro_where *w,
		   const struct ro_attrs *a, int attr, int64_t lo, int64_t hi,
		   int64_t dflt, int64_t *out);
/* A decimal quantity > 0 (zero_ok: >= 0) times mul, at most max (above:
 * the hint too_large); absent: 0. */
bool ro_sr_get_dec(struct ro_site_reader *r, const struct ro_where *w,
		   const struct ro_attrs *a, int attr, int64_t mul, int64_t max,
		   bool zero_ok, const char *too_large, int64_t *out);
/* A fraction as parts per million, > 0 unless zero_ok; absent: dflt. */
bool ro_sr_get_frac(struct ro_site_reader *r, const struct ro_where *w,
		    const struct ro_attrs *a, int attr, uint32_t dflt,
		    bool zero_ok, uint32_t *out);
bool ro_sr_get_time(struct ro_site_reader *r, const struct ro_where *w,
		    const struct ro_attrs *a, int attr, ro_time *out);

/* ---- clients (site_client.c) -------------------------------------------- */

/* The attributes every client needs, in XML and CSV alike. */
#define RO_SR_NREQUIRED 6
extern const int ro_sr_client_required[RO_SR_NREQUIRED];

/* Adds one <client>/<group> or CSV row, read at file:line (file_off: the
 * file's pool offset).  group: count is required. */
void ro_sr_add_client(struct ro_site_reader *r, const char *file,
		      uint32_t file_off, long line, const struct ro_attrs *a,
		      bool group);

/* ---- CSV inventories (site_inventory.c) --------------------------------- */

/* Reads the inventory file (relative to the site file) of the
 * <inventory> element at line: its rows become clients. */
void ro_sr_read_inventory(struct ro_site_reader *r, long line,
			  const char *file);

/* ---- reader state (site_read.c) ----------------------------------------- */

/* Interns str into the site pool, reusing an equal string.  0 for "" and
 * on allocation failure (r->oom set). */
uint32_t ro_sr_intern(struct ro_site_reader *r, const char *str);
void ro_sr_release(struct ro_site_reader *r);

/* Resolves references, checks, applies scenario (NULL: none).  Errors go
 * to r->d. */
void ro_sr_finish(struct ro_site_reader *r, const char *scenario);

#endif
