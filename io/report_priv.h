/*
 * report_priv.h - what the report's files share (io/report*.c): the
 * schedules and the simulation boiled down to what the page shows, the
 * tree builder and the formats the charts and tables use.
 *
 * Not a public header.  report_read.c reads the files into struct rsched
 * and struct rsim; report_tree.c builds XHTML and SVG nodes; report_fmt.c
 * writes numbers, times and durations as the page shows them;
 * report_chart.c draws the SVG charts and report_table.c the tables; and
 * report.c puts the page together (its sections and stylesheet) and holds
 * the public functions of report.h.
 */
#ifndef RO_REPORT_PRIV_H
#define RO_REPORT_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "../model/diag.h"
#include "../model/forecast.h"
#include "../model/plan.h"
#include "../model/rtime.h"
#include "report.h"
#include "schedule.h"

#define XHTML_NS "http://www.w3.org/1999/xhtml"
#define SVG_NS "http://www.w3.org/2000/svg"

#define SATURATED 0.99   /* a slot at or above this utilisation is full */
#define NREASONS (RO_REASON_UNFINISHED + 1)
#define NCAUSES (RO_CAUSE_COHORT + 1)

/* Chart geometry (pixels): every chart shares the left label column and
 * the plot width, so that time axes line up down the page. */
#define LEFT 150.0
#define PW 820.0
#define SVG_W 990

/* ---- what the page shows, read from the files (report_read.c) ---------- */

struct rlink {
	char *id;
	int64_t *bytes;      /* nslots */
	int64_t *usable;     /* nslots */
	double peak;         /* highest utilisation (inf: bytes on 0 usable) */
	int64_t total;       /* bytes over the horizon */
	int32_t saturated;   /* slots at or above SATURATED */
	int64_t overload;    /* bytes above usable, all slots */
};

/* One action of an SMS 2.0 schedule, for its timeline. */
struct ract {
	ro_time at;
	char *what;          /* the element's name */
	char *detail;
};

/* The actions of one day (docs/schedule-format.md, "actions"). */
struct rday {
	ro_time day;
	int32_t expire, reenable, disable, enable_all, cohorts, pushes;
	int64_t logon_clients, push_clients;
};

struct runplaced {
	char *id;
	int reason;
};

/* One schedule, boiled down.  Its header is read by ro_schedule_read_head
 * (io/schedule_head.c); the time axis below is derived from it. */
struct rsched {
	const char *path;
	struct ro_schedule_head head;
	ro_time start, end;         /* the time axis */
	int32_t slot_min, nslots;
	int64_t by_reason[NREASONS];
	int64_t *finished;          /* nslots + 1: clients completing at e */
	struct runplaced *up;       /* the first max_unplaced */
	size_t nup;
	struct rday *days;
	size_t ndays;
	struct rlink *links;
	size_t nlinks;

	/* The horizon's own slots and end: for an SMS 2.0 schedule
	 * (head.sms20) the forecast runs to a week after the horizon, and so
	 * do nslots and end (the time axis).  Then the clients by cause and
	 * the actions in file (time) order. */
	int32_t hslots;
	ro_time hend;
	int64_t by_cause[NCAUSES];
	struct ract *acts;
	size_t nacts;
};

struct rsimlink {
	char *id;
	int64_t peak_demand, peak_usable, overload_min;
	bool has_peak;
	ro_time peak_at;
};

struct rsim {
	const char *path;
	char *site, *scenario, *starts;
	int64_t clients, overloaded;
	struct rsimlink *links;
	size_t nlinks;
};

/* ---- reading (report_read.c) ------------------------------------------- */

/* Reads, validates (schedule.xsd) and boils down the schedule at path into
 * *s (zeroed by the caller), keeping the first max_unplaced unplaced
 * clients by id.  RO_OK, or an error with messages in d; *s is to be
 * released either way. */
int ro_rp_read_schedule(const char *path, int max_unplaced,
			struct rsched *s, struct ro_diag *d);
/* The same for a simulation (simulation.xsd) into *m. */
int ro_rp_read_simulation(const char *path, struct rsim *m,
			  struct ro_diag *d);
/* Free what the readers allocated; NULL is accepted. */
void ro_rp_sched_release(struct rsched *s);
void ro_rp_sim_release(struct rsim *m);

/* ---- the tree (report_tree.c) -------------------------------------------- */

/* The document being built.  A libxml2 call that returns NULL ran out of
 * memory: oom is set once and the builders carry on with NULL nodes (every
 * one accepts a NULL parent); the report then fails with RO_ENOMEM. */
struct b {
	xmlDocPtr doc;
	int oom;
};

/* A growing text buffer for long attribute values (polyline points). */
struct sbuf {
	char *p;
	size_t n, cap;
	int oom;
};

#if defined(__GNUC__)
#define RO_RP_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define RO_RP_PRINTF(f, a)
#endif

void ro_rp_sb_printf(struct sbuf *sb, const char *fmt, ...) RO_RP_PRINTF(2, 3);
/* A child element of parent named name, with text (escaped) or none. */
xmlNodePtr ro_rp_el(struct b *b, xmlNodePtr parent, const char *name,
		    const char *text);
xmlNodePtr ro_rp_elf(struct b *b, xmlNodePtr parent, const char *name,
		     const char *fmt, ...) RO_RP_PRINTF(4, 5);
void ro_rp_set(struct b *b, xmlNodePtr n, const char *name,
	       const char *value);
void ro_rp_setf(struct b *b, xmlNodePtr n, const char *name,
		const char *fmt, ...) RO_RP_PRINTF(4, 5);
/* Moves the text of sb into attribute name of n and empties sb. */
void ro_rp_set_sb(struct b *b, xmlNodePtr n, const char *name,
		  struct sbuf *sb);
/* A text node appended to n (for mixed content). */
void ro_rp_text(struct b *b, xmlNodePtr n, const char *s);
/* An <svg> of w x h in the SVG namespace, with its class and label. */
xmlNodePtr ro_rp_svg_new(struct b *b, xmlNodePtr parent, int w, double h,
			 const char *cls, const char *label);
xmlNodePtr ro_rp_rect(struct b *b, xmlNodePtr p, double x, double y,
		      double w, double h, const char *cls);
xmlNodePtr ro_rp_line(struct b *b, xmlNodePtr p, double x1, double y1,
		      double x2, double y2, const char *cls);
xmlNodePtr ro_rp_svg_text(struct b *b, xmlNodePtr p, double x, double y,
			  const char *anchor, const char *cls,
			  const char *s);

/* ---- formats (report_fmt.c); each returns buf ---------------------------- */

char *ro_rp_fmt_count(int64_t v, char *buf, size_t n);      /* 1,234,567 */
char *ro_rp_fmt_duration(int64_t m, char *buf, size_t n);   /* 3 d 04:15 */
char *ro_rp_fmt_day(ro_time t, bool with_dow, char *buf, size_t n);
char *ro_rp_fmt_when(ro_time t, char *buf, size_t n);  /* Fri 4 Dec 22:15 */
char *ro_rp_fmt_mb(int64_t bytes, char *buf, size_t n);     /* 1.50 MB */
char *ro_rp_fmt_pct(double u, char *buf, size_t n);         /* 10.9 % */
/* The name a schedule goes by in legends: its scenario, else its file. */
const char *ro_rp_sched_label(const struct rsched *s);

/* ---- charts (report_chart.c) --------------------------------------------- */

/* Slots per time column: at most RO_REPORT_MAX_COLUMNS columns a chart. */
int32_t ro_rp_bucket_of(int32_t nslots);
/* The links of s by index, busiest first: most overload (an SMS 2.0
 * forecast's), highest peak, most bytes, then site order.  Allocated (the
 * caller frees it); NULL when out of memory. */
size_t *ro_rp_busiest_links(const struct rsched *s);
void ro_rp_load_chart(struct b *b, xmlNodePtr parent, const struct rsched *s,
		      const struct rlink *lk, struct sbuf *sb);
void ro_rp_heatmap(struct b *b, xmlNodePtr parent, const struct rsched *s,
		   const size_t *order, size_t nshow);
void ro_rp_cumulative_chart(struct b *b, xmlNodePtr parent,
			    const struct rsched *v, size_t n,
			    struct sbuf *sb);
void ro_rp_baseline_chart(struct b *b, xmlNodePtr parent,
			  const struct rsim *m, const struct rsched *v,
			  size_t nv, int max_links, xmlNodePtr note);

/* ---- tables (report_table.c) --------------------------------------------- */

void ro_rp_summary_table(struct b *b, xmlNodePtr parent,
			 const struct rsched *s);
void ro_rp_comparison_table(struct b *b, xmlNodePtr parent,
			    const struct rsched *v, size_t n);
void ro_rp_actions_table(struct b *b, xmlNodePtr parent,
			 const struct rsched *s);
void ro_rp_overload_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s, const size_t *order);
void ro_rp_timeline_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s);
void ro_rp_cause_table(struct b *b, xmlNodePtr parent,
		       const struct rsched *s);
void ro_rp_unplaced_table(struct b *b, xmlNodePtr parent,
			  const struct rsched *s);

#endif
