/*
 * rollout.h - the public C API of librollout: load a site, plan it, verify
 * the plan and write the schedule.
 *
 * Include this header alone (it needs only the C standard library) and link
 * with the shared library, which names its own dependencies:
 *
 *     cc -std=c11 $(pkg-config --cflags rollout) prog.c \
 *        $(pkg-config --libs rollout)
 *
 * or link the static library into the program, with its dependencies from
 * pkg-config --static --libs rollout (examples/Makefile.api shows how).
 *
 * What is here is the API, and all that the shared library (soname
 * librollout.so.1) exports; it is the only header installed.  The
 * library's own headers (model/, io/, solver/, orch/) include this one for
 * what they share with it, so each thing is declared once.  The site, the
 * calendar expansion, the plan, the verifier's figures and the planning
 * options are opaque handles read or set through functions; only struct
 * ro_diag, which a caller keeps on the stack and reads, is spelt out.
 * Options grow by new setters, never by a changed struct.
 *
 * Ownership.  Every object a function hands out through an out-pointer
 * (struct ro_site **, struct ro_plan **, struct ro_eval **) or returns
 * (ro_expand_new) belongs to the caller, who releases it with the matching
 * _free function; every _free function accepts NULL.  Nothing takes
 * ownership of its arguments.  Objects refer to the ones they were made
 * from without owning them, so free in reverse order of creation: the
 * eval, the plan, the expansion, the options, then the site.  A struct
 * ro_diag is the
 * caller's (usually on the stack): ro_diag_init before use, ro_diag_release
 * after; it owns copies of its messages.  Strings returned as const char *
 * are static or live as long as the object they came from.
 *
 * Errors.  Functions that can fail return 0 (RO_OK) or an error code below
 * and append what went wrong to a struct ro_diag as file:line: message;
 * the library never prints and never exits.  Not thread-safe: use one
 * thread, or one process per site.
 */
#ifndef ROLLOUT_H
#define ROLLOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ============================ errors ============================ */

/* Error codes; 0 is success.  Only ever appended, never renumbered:
 * schedules, scripts and other programs see them through the command's
 * exit status.  The detailed message lives in a struct ro_diag. */
enum ro_err {
	RO_OK = 0,
	RO_ENOMEM = 1,     /* an allocation failed */
	RO_EIO = 2,        /* reading or writing a file failed */
	RO_EPARSE = 3,     /* input is not well-formed XML / CSV */
	RO_ESCHEMA = 4,    /* input does not follow the XSD */
	RO_EINVAL = 5,     /* input is well-formed but wrong (semantic check) */
	RO_ESOLVER = 6,    /* GLPK failed (error hook, numerical trouble) */
	RO_ENOPLAN = 7,    /* the solver found no plan */
	RO_ETIMELIMIT = 8, /* time limit reached (a plan may still exist) */
	RO_EINTR = 9,      /* interrupted by a signal */
	RO_EVERIFY = 10,   /* a plan failed independent verification */
	RO_EARG = 11,      /* a bad argument to a library function */
	RO_ELIMIT = 12     /* a size or resource limit was exceeded */
};

/* A short, static, lowercase description of code; never NULL. */
const char *ro_strerror(int code);

/* ========================== diagnostics ========================== */

struct ro_diag_entry {
	char *file;   /* may be NULL: no file (e.g. a command-line value) */
	long line;    /* 0: no line */
	char *msg;    /* lowercase, no full stop, never NULL */
};

/* Messages collected by the library: readers and checkers do not stop at
 * the first problem but append every error of a file.  Print v[0 .. n-1]
 * as "file:line: msg".  At most RO_DIAG_MAX are kept; dropped counts the
 * rest.  The diag owns copies of every string given to it. */
struct ro_diag {
	struct ro_diag_entry *v;
	size_t n, cap;
	size_t dropped;   /* entries not stored past RO_DIAG_MAX */
	int oom;          /* an entry was lost to allocation failure */
};

#define RO_DIAG_MAX 200

void ro_diag_init(struct ro_diag *d);
void ro_diag_release(struct ro_diag *d);
/* Number of messages recorded, including dropped ones. */
size_t ro_diag_count(const struct ro_diag *d);
/* Sorts entries by file then line, keeping the order of equal keys. */
void ro_diag_sort(struct ro_diag *d);

/* ============================= time ============================= */

/* Minutes since 1970-01-01T00:00 of the site's wall clock. */
typedef int64_t ro_time;
#define RO_TIME_BUFSZ 32

/* Parses "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:00" (a space may stand for
 * the T).  Returns false, leaving *out alone, on anything else, including
 * impossible dates (2026-02-30) and non-zero seconds. */
bool ro_time_parse(const char *s, ro_time *out);
/* Writes "YYYY-MM-DDTHH:MM" into buf (RO_TIME_BUFSZ bytes); returns buf. */
char *ro_time_format(ro_time t, char *buf);

/* ============================= site ============================= */

struct ro_site;     /* a loaded site, scenario applied */
struct ro_expand;   /* calendars expanded onto the slots of the horizon */

/* Loads a site file (docs/site-format.md) and the CSV inventories it
 * names, checks it, and applies scenario (NULL: the base site; an unknown
 * one is an error naming the ones that exist).  Returns RO_OK with *out
 * set, or RO_EIO (cannot read), RO_EPARSE, RO_ESCHEMA, RO_EINVAL,
 * RO_ELIMIT, RO_ENOMEM with every message in d and *out NULL. */
int ro_site_load(const char *path, const char *scenario,
		 struct ro_site **out, struct ro_diag *d);
void ro_site_free(struct ro_site *s);   /* accepts NULL */

const char *ro_site_name(const struct ro_site *s);
int64_t ro_site_clients(const struct ro_site *s);
int32_t ro_site_slot_minutes(const struct ro_site *s);
int32_t ro_site_slots(const struct ro_site *s);
/* When slot t starts (t may be the number of slots: the horizon end). */
ro_time ro_site_slot_time(const struct ro_site *s, int32_t t);

/* The expansion the planner and the verifier share; NULL when out of
 * memory.  The site must outlive it. */
struct ro_expand *ro_expand_new(const struct ro_site *s);
void ro_expand_free(struct ro_expand *x);   /* accepts NULL */

/* ============================ planning ============================ */

/* The form of the model export (ro_solve_opts_set_export). */
enum ro_export_form {
	RO_EXPORT_AGGREGATED,   /* as solved: classes, count and pattern rows */
	RO_EXPORT_PLAIN,        /* classes, the knapsack rows only */
	RO_EXPORT_CLIENTS       /* one binary per client and start, plain rows */
};

enum ro_objective {
	RO_OBJ_LEXICOGRAPHIC,   /* weight placed, makespan, completion sum */
	RO_OBJ_PEAK             /* weight placed, then peak utilisation */
};

/* Who decides when a client starts (docs/semantics.md).  PER_CLIENT: the
 * plan sets every client's start, as tools with per-collection deployment
 * times allow (and the optimistic bound of an SMS 2.0 plan).  SMS20: the
 * plan sets the administrator's levers (the site's release, early
 * triggers, logon-script cohorts, instructions to users) and every start
 * is a forecast of what SMS 2.0 does after them (model/forecast.h). */
enum ro_control {
	RO_CONTROL_PER_CLIENT = 0,
	RO_CONTROL_SMS20
};

/* Planning options: ro_solve_opts_new gives the defaults (lexicographic,
 * no deadline, no time or memory limit, gap 0, no export, silent), the
 * setters change one each.  Opaque, so that options can be added without
 * breaking programs built against an older library.  Each setter returns
 * RO_OK, or RO_EARG (o NULL, or a value out of range, leaving o alone). */
struct ro_solve_opts;

/* NULL when out of memory. */
struct ro_solve_opts *ro_solve_opts_new(void);
void ro_solve_opts_free(struct ro_solve_opts *o);   /* accepts NULL */

int ro_solve_opts_set_objective(struct ro_solve_opts *o,
				enum ro_objective objective);
/* Every placed client completes by then. */
int ro_solve_opts_set_deadline(struct ro_solve_opts *o, ro_time deadline);
/* Seconds of wall time (>= 0; 0: none); the best plan found is kept. */
int ro_solve_opts_set_time_limit(struct ro_solve_opts *o, double seconds);
/* Stop when the relative gap is at most gap (0 to 1). */
int ro_solve_opts_set_gap(struct ro_solve_opts *o, double gap);
/* The solver's memory limit in MB (>= 0; 0: none). */
int ro_solve_opts_set_mem_limit(struct ro_solve_opts *o, int mb);
/* Who decides the starts (docs/semantics.md): RO_CONTROL_SMS20 (the
 * administrator's levers; every start a forecast), RO_CONTROL_PER_CLIENT
 * (every client's start), or -1, the default: the site's policy. */
int ro_solve_opts_set_control(struct ro_solve_opts *o, int control);
/* Release candidates for the SMS 2.0 mode, replacing the policy's
 * (borrowed: they must live until the solve); n = 0: the policy's. */
int ro_solve_opts_set_releases(struct ro_solve_opts *o, const ro_time *at,
			       size_t n);
/* Progress lines without a newline, to cb(ud, line); NULL: silent. */
int ro_solve_opts_set_progress(struct ro_solve_opts *o,
			       void (*cb)(void *ud, const char *line),
			       void *ud);
/* *flag set (from a signal handler) stops the solve cleanly, keeping the
 * best plan; NULL: none. */
int ro_solve_opts_set_interrupt(struct ro_solve_opts *o, volatile int *flag);
/* Also write the model as solved, in CPLEX LP (lp_path) and free MPS
 * (mps_path) form; either may be NULL.  The paths are borrowed: they must
 * live until the solve.  ro_solve has GLPK write them itself, plainly;
 * ro_solve_export writes them as every output of rollout (atomically, "-"
 * for standard output). */
int ro_solve_opts_set_export(struct ro_solve_opts *o, const char *lp_path,
			     const char *mps_path, enum ro_export_form form);

struct ro_plan;     /* a start slot and trigger, or a reason, per client */

enum ro_status {
	RO_STATUS_OPTIMAL,
	RO_STATUS_FEASIBLE,
	RO_STATUS_TIME_LIMIT,
	RO_STATUS_INTERRUPTED,
	RO_STATUS_NO_PLAN
};

/* Why a client is not placed (docs/semantics.md). */
enum ro_reason {
	RO_REASON_NONE = 0,          /* placed */
	RO_REASON_NO_OPPORTUNITY,
	RO_REASON_RAS_ONLY,
	RO_REASON_WINDOW,
	RO_REASON_CAPACITY,
	RO_REASON_HORIZON,
	/* the SMS 2.0 control mode: */
	RO_REASON_NOT_RELEASED,      /* the site is not released this horizon */
	RO_REASON_NOT_ENABLED,       /* a new install whose script stays off */
	RO_REASON_UNFINISHED         /* copy or restart not done in the forecast */
};

/* Plans site s.  Returns RO_OK with *out set (status inside: optimal,
 * feasible, time-limit, interrupted), or an error: RO_ENOPLAN, RO_ESOLVER
 * (GLPK failed: message in d), RO_ENOMEM, RO_EARG.  Every returned plan has
 * passed ro_verify.  Reads and writes no file but the model export's
 * paths, which GLPK opens itself. */
int ro_solve(const struct ro_site *s, struct ro_expand *x,
	     const struct ro_solve_opts *o, struct ro_plan **out,
	     struct ro_diag *d);
/* ro_solve, with the model export of o written as any output of rollout:
 * GLPK writes to scratch files, copied to their places after the solve
 * (temporary file and rename; "-", devices and FIFOs directly).  Returns
 * what ro_solve does, or RO_EIO when a copy fails (no plan then). */
int ro_solve_export(const struct ro_site *s, struct ro_expand *x,
		    const struct ro_solve_opts *o, struct ro_plan **out,
		    struct ro_diag *d);
void ro_plan_free(struct ro_plan *p);   /* accepts NULL */

int ro_plan_status(const struct ro_plan *p);
/* Clients of the plan (every client of the site). */
int64_t ro_plan_clients(const struct ro_plan *p);
/* Unplaced clients with reason (an enum ro_reason); RO_REASON_NONE: all
 * unplaced ones. */
int64_t ro_plan_unplaced(const struct ro_plan *p, int reason);

const char *ro_status_name(enum ro_status s);   /* "optimal", ... */
const char *ro_reason_name(enum ro_reason r);   /* "capacity", ... */

/* ========================== verification ========================== */

struct ro_eval;     /* what the verifier recomputed from a plan */

/* Checks plan p against the site on its own.  Returns the number of
 * violations (0: the plan is feasible), each one also added to v as a
 * message naming the client, link or server, slot and the numbers; or -1
 * when out of memory.  When ev is not NULL, *ev receives the recomputation
 * (free with ro_eval_free), also when there are violations. */
long ro_verify(const struct ro_site *s, struct ro_expand *x,
	       const struct ro_plan *p, struct ro_eval **ev,
	       struct ro_diag *v);
void ro_eval_free(struct ro_eval *ev);   /* accepts NULL */

int64_t ro_eval_placed(const struct ro_eval *ev);
/* The slot at whose start the last placed client is done; 0: none. */
int32_t ro_eval_makespan(const struct ro_eval *ev);
/* The highest planned bytes / usable capacity over links and slots. */
double ro_eval_peak_utilisation(const struct ro_eval *ev);

/* =========================== schedules =========================== */

/* Writes the schedule (docs/schedule-format.md) of plan p, verified into
 * ev, to path ("-": standard output), atomically.  An SMS 2.0 plan is
 * written as the forecast of its levers, which the writer recomputes
 * (ev is not read; RO_EVERIFY if the forecast disagrees with the plan).
 * RO_OK, RO_EIO or RO_ENOMEM; on failure an existing file is left
 * untouched. */
int ro_schedule_write(const struct ro_site *s, const struct ro_plan *p,
		      const struct ro_eval *ev, const char *path,
		      struct ro_diag *d);

/* Reads a schedule written for site s into a plan (verify it with
 * ro_verify).  Returns RO_OK with *out set, or an error with messages
 * (file:line) in d: RO_EIO, RO_EPARSE, RO_ESCHEMA, RO_EINVAL (a schedule
 * planned for another scenario than s's, which is then the one message;
 * unknown client or CAP, client listed twice or missing, bad time),
 * RO_ENOMEM. */
int ro_schedule_read(const struct ro_site *s, const char *path,
		     struct ro_plan **out, struct ro_diag *d);

/* The scenario a schedule was planned for: *scenario a copy to free with
 * ro_free, NULL for the base site.  Needs no site, so a caller whose
 * ro_schedule_read was refused for another scenario can say which to
 * load.  Reads only the header, as far as </header>.  RO_OK, or RO_EIO,
 * RO_EPARSE, RO_ESCHEMA, RO_ELIMIT, RO_ENOMEM, RO_EARG. */
int ro_schedule_scenario(const char *path, char **scenario,
			 struct ro_diag *d);

/* Frees a string or block the library handed over (accepts NULL). */
void ro_free(void *p);

/* Frees the XML schemas the library compiled and cached (at exit, to keep
 * leak checkers quiet; a later call compiles them again).  Does not call
 * xmlCleanupParser. */
void ro_xml_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
