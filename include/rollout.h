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
 * librollout.so.0) exports; the headers installed beside it (model/, io/,
 * solver/) are the library's internals, for its own modules and tests,
 * reachable only through librollout.a, and may change between versions.  The site, the calendar expansion, the plan
 * and the verifier's figures are opaque handles read through functions;
 * only the two structs a caller fills or reads directly are spelt out
 * (struct ro_diag and struct ro_solve_opts), with the same layout as inside
 * the library (tests/cli/t0403-report-api.sh checks it).
 *
 * Ownership.  Every object a function hands out through an out-pointer
 * (struct ro_site **, struct ro_plan **, struct ro_eval **) or returns
 * (ro_expand_new) belongs to the caller, who releases it with the matching
 * _free function; every _free function accepts NULL.  Nothing takes
 * ownership of its arguments.  Objects refer to the ones they were made
 * from without owning them, so free in reverse order of creation: the
 * eval, the plan, the expansion, then the site.  A struct ro_diag is the
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

/* Error codes; only ever appended, never renumbered. */
enum ro_err {
	RO_OK = 0,
	RO_ENOMEM = 1,     /* an allocation failed */
	RO_EIO = 2,        /* reading or writing a file failed */
	RO_EPARSE = 3,     /* input is not well-formed XML / CSV */
	RO_ESCHEMA = 4,    /* input does not follow the XSD */
	RO_EINVAL = 5,     /* input is well-formed but wrong */
	RO_ESOLVER = 6,    /* the solver failed */
	RO_ENOPLAN = 7,    /* no plan exists */
	RO_ETIMELIMIT = 8, /* time limit reached before any plan */
	RO_EINTR = 9,      /* interrupted */
	RO_EVERIFY = 10,   /* a plan failed independent verification */
	RO_EARG = 11,      /* a bad argument to a library function */
	RO_ELIMIT = 12     /* a size or resource limit was exceeded */
};

/* A short, static, lowercase description of code; never NULL. */
const char *ro_strerror(int code);

/* ========================== diagnostics ========================== */

struct ro_diag_entry {
	char *file;   /* may be NULL: no file */
	long line;    /* 0: no line */
	char *msg;    /* lowercase, no full stop, never NULL */
};

/* Messages collected by the library: print v[0 .. n-1] as
 * "file:line: msg".  At most 200 are kept; dropped counts the rest. */
struct ro_diag {
	struct ro_diag_entry *v;
	size_t n, cap;
	size_t dropped;
	int oom;          /* a message was lost to allocation failure */
};

void ro_diag_init(struct ro_diag *d);
void ro_diag_release(struct ro_diag *d);
/* Number of messages, including dropped ones. */
size_t ro_diag_count(const struct ro_diag *d);
/* Sorts by file then line, keeping the order of equal keys. */
void ro_diag_sort(struct ro_diag *d);

/* ============================= time ============================= */

/* Minutes since 1970-01-01T00:00 of the site's wall clock. */
typedef int64_t ro_time;
#define RO_TIME_BUFSZ 32

/* "YYYY-MM-DDTHH:MM"; false on anything else. */
bool ro_time_parse(const char *s, ro_time *out);
/* Writes "YYYY-MM-DDTHH:MM" into buf (RO_TIME_BUFSZ bytes); returns buf. */
char *ro_time_format(ro_time t, char *buf);

/* ============================= site ============================= */

struct ro_site;     /* a loaded site, scenario applied */
struct ro_expand;   /* calendars expanded onto the slots of the horizon */

/* Loads a site file (docs/site-format.md) and the CSV inventories it
 * names, checks it, and applies scenario (NULL: the base site).  Returns
 * RO_OK with *out set, or RO_EIO, RO_EPARSE, RO_ESCHEMA, RO_EINVAL,
 * RO_ELIMIT, RO_ENOMEM with every message in d and *out NULL. */
int ro_site_load(const char *path, const char *scenario,
		 struct ro_site **out, struct ro_diag *d);
void ro_site_free(struct ro_site *s);

const char *ro_site_name(const struct ro_site *s);
int64_t ro_site_clients(const struct ro_site *s);
int32_t ro_site_slot_minutes(const struct ro_site *s);
int32_t ro_site_slots(const struct ro_site *s);
/* When slot t starts (t may be the number of slots: the horizon end). */
ro_time ro_site_slot_time(const struct ro_site *s, int32_t t);

/* The expansion the planner and the verifier share; NULL when out of
 * memory.  The site must outlive it. */
struct ro_expand *ro_expand_new(const struct ro_site *s);
void ro_expand_free(struct ro_expand *x);

/* ============================ planning ============================ */

/* The form of the model write_lp / write_mps export. */
enum ro_export_form {
	RO_EXPORT_AGGREGATED,   /* as solved: classes, count and pattern rows */
	RO_EXPORT_PLAIN,        /* classes, the knapsack rows only */
	RO_EXPORT_CLIENTS       /* one binary per client and start, plain rows */
};

enum ro_objective {
	RO_OBJ_LEXICOGRAPHIC,   /* weight placed, makespan, completion sum */
	RO_OBJ_PEAK             /* weight placed, then peak utilisation */
};

/* Planning options: ro_solve_opts_init, then change what you need. */
struct ro_solve_opts {
	enum ro_objective objective;
	bool has_deadline;
	ro_time deadline;          /* every placed client completes by then */
	double time_limit;         /* seconds of wall time; 0: none */
	double gap;                /* stop when the relative gap is below */
	int mem_limit_mb;          /* solver memory limit; 0: none */
	const char *write_lp;      /* also write the model (CPLEX LP), or NULL */
	const char *write_mps;     /* also write the model (free MPS), or NULL */
	enum ro_export_form write_form;
	/* Progress lines without a newline; NULL: silent. */
	void (*progress)(void *ud, const char *line);
	void *progress_ud;
	/* Set (from a signal handler) to stop the solve cleanly. */
	volatile int *interrupt;
	/* A testing aid, false by default: split every independent part of
	 * the site by its minor users as far as it goes. */
	bool split_all;
};

void ro_solve_opts_init(struct ro_solve_opts *o);

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
	RO_REASON_HORIZON
};

/* Plans site s.  Returns RO_OK with *out set (status inside), or
 * RO_ENOPLAN, RO_ESOLVER, RO_ENOMEM, RO_EARG with messages in d. */
int ro_solve(const struct ro_site *s, struct ro_expand *x,
	     const struct ro_solve_opts *o, struct ro_plan **out,
	     struct ro_diag *d);
void ro_plan_free(struct ro_plan *p);

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
 * violations (0: feasible; each one is a message in v) or -1 when out of
 * memory; *ev (may be NULL) receives the figures, also on violations. */
long ro_verify(const struct ro_site *s, struct ro_expand *x,
	       const struct ro_plan *p, struct ro_eval **ev,
	       struct ro_diag *v);
void ro_eval_free(struct ro_eval *ev);

int64_t ro_eval_placed(const struct ro_eval *ev);
/* The slot at whose start the last placed client is done; 0: none. */
int32_t ro_eval_makespan(const struct ro_eval *ev);
/* The highest planned bytes / usable capacity over links and slots. */
double ro_eval_peak_utilisation(const struct ro_eval *ev);

/* =========================== schedules =========================== */

/* Writes the schedule (docs/schedule-format.md) of plan p, verified into
 * ev, to path ("-": standard output), atomically.  RO_OK, RO_EIO or
 * RO_ENOMEM; on failure an existing file is left untouched. */
int ro_schedule_write(const struct ro_site *s, const struct ro_plan *p,
		      const struct ro_eval *ev, const char *path,
		      struct ro_diag *d);

/* Reads a schedule written for site s into a plan (verify it with
 * ro_verify).  RO_OK with *out set, or RO_EIO, RO_EPARSE, RO_ESCHEMA,
 * RO_EINVAL, RO_ENOMEM with messages in d. */
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
 * leak checkers quiet; a later call compiles them again). */
void ro_xml_cleanup(void);

#ifdef __cplusplus
}
#endif

#endif
