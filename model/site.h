/*
 * site.h - the in-memory site: network, servers, payload, clients, calendars
 * and policy, after a scenario has been applied.
 *
 * This is the library-internal model every module shares (readers fill it,
 * expansion, solver and verifier read it).  Struct bodies are visible inside
 * the library on purpose; the public API (rollout.h) only sees the opaque
 * struct ro_site.
 *
 * Scale: a site of 100,000 clients must fit in a few MB.  Clients are one
 * array of small fixed-size records; a record stands for `count` identical
 * clients (a <group>, or count = 1 for a <client> / CSV row).  Names live in
 * one string pool (ro_site_str).  Cross references are array indices.
 *
 * Units (also docs/site-format.md): times are ro_time minutes (rtime.h);
 * capacities and rates in bits per second; sizes in bytes; fractions
 * (background, share) in parts per million (ppm), so that every capacity
 * check can be done in exact integer arithmetic.
 *
 * Ownership: a struct ro_site owns everything it points to;
 * ro_site_free() releases it all.
 */
#ifndef RO_SITE_H
#define RO_SITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../include/rollout.h"
#include "rtime.h"

#define RO_PPM 1000000
#define RO_MB 1048576   /* bytes: sizes in site files are in MB (MiB) */

/* Defaults of attributes a site file may leave out (docs/site-format.md). */
#define RO_DEFAULT_SLOT_MIN 15           /* <horizon slot-minutes> */
#define RO_DEFAULT_REBOOT_DELAY_MIN 15   /* <policy reboot-delay-minutes>:
					  * KB 237543's 15 minutes or more
					  * after the copy */
#define RO_DEFAULT_SHARE_PPM 800000      /* <link share>: 80 % usable */

/* Limits enforced by the readers; anything beyond is rejected as absurd
 * before any arithmetic or GLPK call sees it. */
#define RO_MAX_SLOTS 100000           /* slots in a horizon */
#define RO_MAX_HORIZON_MIN (366 * RO_DAY_MIN)
#define RO_MAX_CAPACITY_BPS 1000000000000LL /* 1 Tbit/s */
#define RO_MAX_SIZE_BYTES (1LL << 40)  /* 1 TiB per client */
#define RO_MAX_CLIENTS 10000000        /* clients after group expansion */
#define RO_MAX_PRIORITY 1000000
#define RO_MAX_REBOOTS 16
#define RO_MAX_COMPONENTS 64

enum ro_link_kind { RO_LINK_LAN, RO_LINK_WAN, RO_LINK_RAS };
enum ro_conn { RO_CONN_LAN, RO_CONN_RAS };
enum ro_server_kind { RO_SERVER_CAP, RO_SERVER_LOGON };

/* Trigger bits */
enum {
	RO_TRIG_CCIM = 1u << 0,   /* maintenance cycle every 23 h from phase */
	RO_TRIG_LOGON = 1u << 1,  /* logon script when an on-window opens */
	RO_TRIG_PUSH = 1u << 2    /* pushed by the admin, any time it is on */
};
#define RO_CCIM_PERIOD_MIN (23 * 60)

/* Defaults of the SMS 2.0 policy: Inbox Manager copies to every CAP "once
 * an hour (at a minimum)" (Q278856); a 28.8 kbit/s modem. */
#define RO_DEFAULT_PROPAGATION_MIN 60
#define RO_DEFAULT_RAS_BPS 28800

/* Whether the SMS logon script (SMSLS) upgrades clients that already have
 * the SMS client: yes with SP1 logon points, no from SP2 on (Q262677),
 * where it only installs new clients. */
enum ro_logon_path {
	RO_LOGON_PATH_SP1 = 0,
	RO_LOGON_PATH_SP2
};

/* Whether the planner may give an instruction to users, must, or must not. */
enum ro_use {
	RO_USE_CHOOSE = 0,
	RO_USE_YES,
	RO_USE_NO
};

enum ro_logon_policy {
	RO_LOGON_ENABLED,   /* first logon after the CAP is ready */
	RO_LOGON_DISABLED,  /* no logon trigger at all */
	RO_LOGON_PHASED     /* the plan picks the day each script is enabled */
};

/* [from, to) in minutes since Monday 00:00; 0 <= from < RO_WEEK_MIN,
 * from < to <= from + RO_WEEK_MIN (a span may wrap past Sunday 24:00). */
struct ro_wspan {
	int32_t from, to;
};

/* A dated override of a calendar, [from, to) absolute. */
struct ro_exception {
	ro_time from, to;
	bool on;
	long line;
};

struct ro_calendar {
	uint32_t id;               /* string pool offset */
	long line;
	struct ro_wspan *weekly;   /* on-windows, repeated every week */
	size_t nweekly;
	struct ro_exception *exc;  /* applied in order, later ones win */
	size_t nexc;
};

/* Background utilisation: default, then levels in order (later win). */
struct ro_level {
	struct ro_wspan span;
	uint32_t ppm;
};

struct ro_profile {
	uint32_t id;
	long line;
	uint32_t default_ppm;
	struct ro_level *levels;
	size_t nlevels;
};

struct ro_link {
	uint32_t id;
	long line;
	int32_t parent;            /* index, -1 at the root of a tree */
	enum ro_link_kind kind;
	int64_t capacity_bps;      /* > 0 */
	int32_t profile;           /* index, -1: no background load */
	uint32_t share_ppm;        /* share of the remaining capacity, (0, 1e6] */
};

struct ro_server {
	uint32_t id;
	long line;
	enum ro_server_kind kind;
	int32_t link;              /* index */
	ro_time ready;             /* no transfer starts before this */
	int32_t max_concurrent;    /* 0: unlimited */
};

/* Candidate release instants: from, from + step, ... up to and including
 * to (an instant: from == to, step 0). */
struct ro_release {
	ro_time from, to;
	int32_t step_min;
	long line;
};

/* A user group: the unit of logon-script cohorts and of instructions.
 * stay-on: "leave the PC on (and logged on, for 95/98) from .. to ..";
 * the complying fraction of the group is on for that span. */
struct ro_user_group {
	uint32_t id;
	long line;
	uint32_t compliance_ppm;   /* of the group that follows an instruction */
	bool has_stay_on;
	ro_time stay_from, stay_to;
	enum ro_use stay_use;
};

struct ro_component {
	uint32_t id;
	long line;
	int64_t bytes;
};

struct ro_client {
	uint32_t id;               /* client id, or group id for count > 1 */
	uint32_t user;             /* 0: none */
	uint32_t os;               /* string: "winnt", "win95", "win98", ... */
	uint32_t file;             /* string: the file it came from */
	long line;
	int32_t count;             /* >= 1 identical clients */
	int32_t segment;           /* link index */
	int32_t server;            /* server index (its CAP) */
	int32_t calendar;          /* presence calendar index */
	int32_t office;            /* office calendar index (ras only), else -1 */
	enum ro_conn conn;
	uint8_t triggers;          /* RO_TRIG_* bits, never 0 */
	uint8_t reboots;           /* 0..RO_MAX_REBOOTS */
	bool has_phase;
	ro_time phase;             /* ccim phase (horizon start if !has_phase) */
	uint64_t components;       /* bit i: site->components[i] */
	int64_t bytes;             /* transfer size: base + components */
	int64_t rate_bps;          /* 0: derived from the path */
	int32_t priority;          /* weight >= 1 */
	uint32_t group;            /* user group index + 1; 0: none */
	bool not_installed;        /* no SMS client yet: only SMSLS installs it */
};

struct ro_policy {
	enum ro_logon_policy logon;
	int32_t reboot_delay_min;  /* minimum minutes from transfer end */
	struct ro_wspan *reboot_windows;  /* empty: reboots allowed any time */
	size_t nreboot_windows;
	int32_t reboot_cap;        /* per slot per segment link; 0: no cap */
	bool expire_adverts;       /* expire before, re-enable after */

	/* SMS 2.0 control (docs/semantics.md, "The SMS 2.0 mode") */
	enum ro_control control;
	enum ro_logon_path logon_path;
	int32_t propagation_min;   /* release to every CAP ready */
	int64_t ras_bps;           /* a copy over the dial-up line */
	bool defer_allowed;        /* "not in this horizon" is an answer */
	struct ro_release *releases;   /* candidates; none: the horizon start */
	size_t nreleases;
};

struct ro_horizon {
	ro_time start, end;
	int32_t slot_min;          /* slot length in minutes */
	int32_t nslots;            /* floor((end - start) / slot_min) >= 1 */
};

struct ro_site {
	uint32_t name;
	uint32_t scenario;         /* applied scenario, 0: none */
	uint32_t file;             /* site file path */
	struct ro_horizon horizon;
	struct ro_policy policy;
	int64_t base_bytes;

	struct ro_calendar *calendars; size_t ncalendars;
	struct ro_profile *profiles;   size_t nprofiles;
	struct ro_link *links;         size_t nlinks;
	struct ro_server *servers;     size_t nservers;
	struct ro_component *components; size_t ncomponents;
	struct ro_client *clients;     size_t nclients;   /* records */
	struct ro_user_group *groups;  size_t ngroups;
	int64_t nclients_total;        /* sum of counts */

	uint32_t *scenario_names;      /* every scenario defined in the file */
	size_t nscenarios;

	char *pool;                    /* string pool; offset 0 is "" */
	size_t pool_len, pool_cap;
};

/* Lifecycle.  ro_site_new() returns NULL on allocation failure. */
struct ro_site *ro_site_new(void);   /* ro_site_free: rollout.h */

/* String pool: ro_site_intern() copies s and returns its offset (0 for "" or
 * on allocation failure together with *ok = false).  ro_site_str() never
 * returns NULL. */
uint32_t ro_site_intern(struct ro_site *s, const char *str, bool *ok);
const char *ro_site_str(const struct ro_site *s, uint32_t off);

/* Array growth helper: ensures room for one more element in *v, an array of
 * n elements of size sz that has only ever grown through ro_grow (the
 * capacity is implied by n: powers of two from 8).  Returns false on
 * allocation failure, leaving *v as it was. */
bool ro_grow(void **v, size_t n, size_t sz);

/* Lookup by id; -1 when absent.  Linear: for building, not for hot loops. */
int ro_site_find_link(const struct ro_site *s, const char *id);
int ro_site_find_server(const struct ro_site *s, const char *id);
int ro_site_find_calendar(const struct ro_site *s, const char *id);
int ro_site_find_profile(const struct ro_site *s, const char *id);
int ro_site_find_component(const struct ro_site *s, const char *id);
int ro_site_find_group(const struct ro_site *s, const char *id);

/* The id of client k (0-based) of record r, written into buf (size n):
 * the record id for count == 1, else "<id>-<k+1>" zero-padded to the number
 * of digits of count ("br1-007" of 120).  Returns buf. */
char *ro_client_name(const struct ro_site *s, size_t r, int32_t k, char *buf,
		     size_t n);

/* The transfer path of a record: its segment link, then parents, up to and
 * including the link of its server.  Writes at most max link indices into
 * path and returns the path length, or -1 if the server's link is not on
 * the way up (a semantic error the reader reports). */
int ro_client_path(const struct ro_site *s, const struct ro_client *c,
		   int32_t *path, int max);

/* Slot t starts at horizon.start + t * slot_min. */
static inline ro_time ro_slot_time(const struct ro_site *s, int32_t t)
{
	return s->horizon.start + (ro_time)t * s->horizon.slot_min;
}

#endif
