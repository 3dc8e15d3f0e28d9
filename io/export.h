/*
 * export.h - a verified schedule as other programs and people read it:
 * the administrator's runbook (text or printable HTML, docs/runbook.md)
 * and the exports (CSV per client, JSON, iCalendar, collection and
 * Ansible inventory files, docs/export.md).
 *
 * Every writer works from a view: a schedule read against its site
 * (ro_schedule_read) and passed through the independent verifier, so that
 * every forecast figure it prints is the one the schedule's actions give.
 * The actions are the file's own (plan->stated), in file order.  Output
 * is built in memory and written atomically (io/atomic.h; "-" is
 * standard output); the same inputs give byte-identical output.
 *
 * Ownership: a view borrows its site and plan (they must outlive it) and
 * owns the verifier's recomputation; ro_xview_release frees it.
 */
#ifndef RO_EXPORT_H
#define RO_EXPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/site.h"
#include "../model/verify.h"

struct ro_xview {
	const struct ro_site *s;
	const struct ro_plan *p;
	const char *name;              /* the schedule's file name, for titles */
	bool sms20;
	struct ro_sms_eval *sev;       /* SMS 2.0: the forecast */
	struct ro_eval *ev;            /* per-client: the recomputation */
	int32_t first, nslots;         /* load columns: slot first .. */
	const int64_t *load, *usable;  /* nlinks x nslots, row per link */
};

/*
 * Verifies plan p (read from the schedule file name) against site s and
 * keeps the recomputation in v.  x is the site's expansion (per-client
 * plans only; may be NULL for SMS 2.0).  Returns RO_OK; RO_EVERIFY when
 * the schedule has violations (the first few in d, and how to see them
 * all); RO_EARG (a plan not read from a file) or RO_ENOMEM.
 */
int ro_xview_init(struct ro_xview *v, const struct ro_site *s,
		  const struct ro_plan *p, struct ro_expand *x,
		  const char *name, struct ro_diag *d);
void ro_xview_release(struct ro_xview *v);   /* accepts a zeroed view */

/* One client as the exports show it; slots of the horizon's grid, which
 * an SMS 2.0 forecast may take past its end (or before its start). */
struct ro_xclient {
	size_t r;               /* record */
	int32_t k;              /* member of the record */
	bool done;              /* upgraded (placed, complete) */
	int32_t start, end;     /* slots; RO_NO_SLOT (forecast.h) when none */
	int32_t reboot;         /* first restart slot, RO_NO_SLOT: none */
	int nreboots;
	const char *cause;      /* tick, power-up, logon, trigger, cohort;
				 * per-client: ccim, logon, push; "" */
	const char *reason;     /* enum ro_reason name when not done, "" */
	bool ras;               /* over the dial-up line */
	bool is_9x;             /* Windows 95 or 98 */
};

/* Client i (expanded index, 0 <= i < p->n) of the view; r and k are
 * found by walking records, so iterate with ro_xview_client_at. */
void ro_xview_client_at(const struct ro_xview *v, size_t i, size_t r,
			int32_t k, struct ro_xclient *c);

/* A wave: clients the administrator starts together.  SMS 2.0: each
 * trigger action (its clients), and each logon-script cohort of a group
 * (the clients the script upgrades); per-client: the clients sharing a
 * start slot.  The window runs from at to the last end of its clients. */
struct ro_wave {
	ro_time at, until;
	const char *kind;       /* "trigger", "cohort" or "start" */
	int32_t group;          /* a cohort's group (ngroups: the clients in
				 * no group); else -1 */
	size_t m0, nm;          /* members: ro_waves.member[m0 .. m0+nm-1] */
};

struct ro_waves {
	struct ro_wave *w;
	size_t n;
	size_t *member;         /* expanded client indices */
};

/* The waves of v in time order (then label).  RO_OK or RO_ENOMEM. */
int ro_waves_build(const struct ro_xview *v, struct ro_waves *out);
void ro_waves_release(struct ro_waves *w);

/* The runbook (docs/runbook.md): the actions day by day, each with its
 * targets (machines and users), the concrete step and, per day, the
 * forecast.  html: a printable HTML page instead of plain text. */
int ro_runbook_write(const struct ro_xview *v, bool html, const char *path,
		     struct ro_diag *d);

/* The exports (docs/export.md). */
enum ro_export_format {
	RO_EXPORT_CSV,
	RO_EXPORT_ICS,
	RO_EXPORT_JSON,
	RO_EXPORT_COLLECTIONS,
	RO_EXPORT_ANSIBLE
};

/* "csv", ... to the enum; -1 when unknown.  And back. */
int ro_export_format_parse(const char *name);
const char *ro_export_format_name(enum ro_export_format f);

/* Writes the export of v in format f to path.  RO_OK, RO_EINVAL (a
 * client id the format cannot carry, with the reason in d), RO_ENOMEM or
 * RO_EIO. */
int ro_export_write(const struct ro_xview *v, enum ro_export_format f,
		    const char *path, struct ro_diag *d);

#endif
