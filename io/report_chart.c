/*
 * report_chart.c - the report's SVG charts: clients finished over time,
 * the utilisation heatmap, load against capacity per link, and the
 * unplanned peaks of a simulation.
 *
 * All charts share the left label column and the plot width (LEFT, PW),
 * so that their time axes line up down the page.
 */
#include <assert.h>
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "report_priv.h"

/* Line colours for schedules (one per scenario), colour-blind safe. */
static const char *const palette[8] = {
	"#0072b2", "#d55e00", "#009e73", "#cc79a7",
	"#e69f00", "#56b4e9", "#000000", "#999999"
};

int32_t ro_rp_bucket_of(int32_t nslots)
{
	/* the reader refuses a schedule without slots */
	assert(nslots >= 1);
	return (nslots + RO_REPORT_MAX_COLUMNS - 1) / RO_REPORT_MAX_COLUMNS;
}

/* Weekend shading, day lines and day labels under a time axis from t0 to
 * t1 drawn over [LEFT, LEFT + PW] x [top, bottom]; labels go below. */
static void time_axis(struct b *b, xmlNodePtr svg, ro_time t0, ro_time t1,
		      double top, double bottom)
{
	double span = (double)(t1 - t0), dayw = PW * RO_DAY_MIN / span;
	int every = 1;
	char buf[32];

	assert(t1 > t0);

	while (every * dayw < 60 && every < 366)
		every = every < 7 ? every + 1 : every + 7;
	for (ro_time d = ro_time_day_start(t0); d < t1; d += RO_DAY_MIN) {
		ro_time a = d < t0 ? t0 : d, z = d + RO_DAY_MIN;

		if (z > t1)
			z = t1;
		if (ro_time_dow(d) >= 5 && dayw >= 2)
			ro_rp_rect(b, svg, LEFT + PW * (double)(a - t0) / span,
				   top, PW * (double)(z - a) / span,
				   bottom - top,
				   "weekend");
	}
	for (ro_time d = ro_time_day_start(t0); d < t1; d += RO_DAY_MIN) {
		int64_t k = (d - ro_time_day_start(t0)) / RO_DAY_MIN;
		double x = LEFT + PW * (double)(d - t0) / span;

		if (d < t0)
			continue;
		ro_rp_line(b, svg, x, top, x, bottom, "grid");
		if (k % every == 0)
			ro_rp_svg_text(b, svg, x + 2, bottom + 12, NULL, "tick",
				       ro_rp_fmt_day(d, dayw * every >= 60, buf,
						     sizeof buf));
	}
}

/* y of value v on a vertical scale 0..max drawn from bottom up to top. */
static double yscale(double v, double max, double top, double h)
{
	return top + h - (max > 0 ? v / max : 0) * h;
}

/* The columns of a load chart: per column (bucket slots), the bytes, the
 * usable capacity and whether a slot in it is saturated. */
struct columns {
	int32_t bucket, n;
	int64_t *bytes, *usable;
	bool *sat;
};

static void columns_release(struct columns *c)
{
	ro_free(c->bytes);
	ro_free(c->usable);
	ro_free(c->sat);
}

/* Sums the slots of lk into columns; false when out of memory. */
static bool columns_of(struct columns *c, const struct rsched *s,
		       const struct rlink *lk)
{
	c->bucket = ro_rp_bucket_of(s->nslots);
	c->n = (s->nslots + c->bucket - 1) / c->bucket;
	assert(c->n >= 1 && c->n <= RO_REPORT_MAX_COLUMNS);
	c->bytes = ro_calloc((size_t)c->n, sizeof *c->bytes);
	c->usable = ro_calloc((size_t)c->n, sizeof *c->usable);
	c->sat = ro_calloc((size_t)c->n, sizeof *c->sat);
	if (!c->bytes || !c->usable || !c->sat)
		return false;
	for (int32_t t = 0; t < s->nslots; t++) {
		int32_t col = t / c->bucket;

		c->bytes[col] += lk->bytes[t];
		c->usable[col] += lk->usable[t];
		if (lk->usable[t] > 0
		    ? (double)lk->bytes[t] >= SATURATED * (double)lk->usable[t]
		    : lk->bytes[t] > 0)
			c->sat[col] = true;
	}
	return true;
}

/* An area of class cls under the values v of the columns, its top edge
 * stepping per column (runs of equal columns merged), on a scale of
 * 0..ymax from top + ph up to top. */
static void step_area(struct b *b, xmlNodePtr svg, const int64_t *v,
		      int32_t ncols, double ymax, double top, double ph,
		      const char *cls, struct sbuf *sb)
{
	double colw = PW / ncols;
	int32_t from = 0;
	xmlNodePtr n;

	for (int32_t col = 1; col <= ncols; col++) {
		double y;

		if (col < ncols && v[col] == v[from])
			continue;
		y = yscale((double)v[from], ymax, top, ph);
		ro_rp_sb_printf(sb, "%s%.2f,%.2f %.2f,%.2f", from ? " " : "",
				LEFT + from * colw, y, LEFT + col * colw, y);
		from = col;
	}
	ro_rp_sb_printf(sb, " %.2f,%.2f %.2f,%.2f", LEFT + PW, top + ph,
			LEFT, top + ph);
	n = ro_rp_el(b, svg, "polygon", NULL);
	ro_rp_set(b, n, "class", cls);
	ro_rp_set_sb(b, n, "points", sb);
}

/* Per link: planned bytes against usable capacity over the horizon,
 * stepped per column (a column is `bucket` slots, their sums). */
void ro_rp_load_chart(struct b *b, xmlNodePtr parent, const struct rsched *s,
		      const struct rlink *lk, struct sbuf *sb)
{
	const double top = 24, ph = 90;
	struct columns c = { 0, 0, NULL, NULL, NULL };
	double ymax = 0, colw;
	char title[512], a[64], d[64], lbl[64];
	xmlNodePtr svg;

	if (!columns_of(&c, s, lk)) {
		b->oom = 1;
		goto out;
	}
	colw = PW / c.n;
	for (int32_t col = 0; col < c.n; col++) {
		if ((double)c.bytes[col] > ymax)
			ymax = (double)c.bytes[col];
		if ((double)c.usable[col] > ymax)
			ymax = (double)c.usable[col];
	}
	if (ymax <= 0)
		ymax = 1;

	snprintf(title, sizeof title, "link %s: planned bytes against usable "
		 "capacity", lk->id);
	svg = ro_rp_svg_new(b, parent, SVG_W, top + ph + 30, "load-chart",
			    title);
	ro_rp_set(b, svg, "data-link", lk->id);
	snprintf(title, sizeof title, "%s   peak %s, %" PRId32 " slot%s "
		 "saturated, %s planned", lk->id,
		 ro_rp_fmt_pct(lk->peak, a, sizeof a), lk->saturated,
		 lk->saturated == 1 ? "" : "s",
		 ro_rp_fmt_mb(lk->total, d, sizeof d));
	ro_rp_svg_text(b, svg, 4, 14, NULL, "chart-title", title);
	time_axis(b, svg, s->start, s->end, top, top + ph);
	ro_rp_line(b, svg, LEFT, top + ph, LEFT + PW, top + ph, "axis");
	for (int i = 0; i <= 2; i++) {
		double v = ymax * i / 2, y = yscale(v, ymax, top, ph);

		ro_rp_line(b, svg, LEFT - 3, y, LEFT, y, "axis");
		ro_rp_svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			       ro_rp_fmt_mb((int64_t)llround(v), lbl,
					    sizeof lbl));
	}
	snprintf(lbl, sizeof lbl, "per %" PRId32 " min",
		 c.bucket * s->slot_min);
	ro_rp_svg_text(b, svg, LEFT - 6, top + ph + 24, "end", "tick", lbl);
	/* usable capacity, then the planned bytes in front of it */
	step_area(b, svg, c.usable, c.n, ymax, top, ph, "usable", sb);
	step_area(b, svg, c.bytes, c.n, ymax, top, ph, "load", sb);
	for (int32_t col = 0; col < c.n; col++)
		if (c.sat[col])
			ro_rp_rect(b, svg, LEFT + col * colw, top + ph + 1,
				   colw < 1 ? 1 : colw, 4, "sat");
out:
	columns_release(&c);
}

/* Colour class of a utilisation: five bins, then saturated. */
static const char *heat_class(double u)
{
	static const char *const cls[5] = { "h1", "h2", "h3", "h4", "h5" };
	int k;

	if (u >= SATURATED)
		return "cell sat";
	k = (int)(u * 5);
	return cls[k < 0 ? 0 : k > 4 ? 4 : k];
}

static const char *const heat_legend[6] = {
	"below 20 %", "20-40 %", "40-60 %", "60-80 %", "80-99 %",
	"saturated (99 % or more)"
};

/* Links x time, one cell per column (bucket of slots) with bytes in it,
 * coloured by the highest utilisation of its slots. */
void ro_rp_heatmap(struct b *b, xmlNodePtr parent, const struct rsched *s,
		   const size_t *order, size_t nshow)
{
	const double top = 8, rowh = 14;
	int32_t bucket = ro_rp_bucket_of(s->nslots);
	int32_t ncols = (s->nslots + bucket - 1) / bucket;
	double colw = PW / ncols, bottom = top + rowh * (double)nshow;
	char label[512];
	xmlNodePtr svg;

	assert(nshow <= s->nlinks);
	snprintf(label, sizeof label, "utilisation heatmap of %zu links",
		 nshow);
	svg = ro_rp_svg_new(b, parent, SVG_W, bottom + 60, "heatmap", label);
	time_axis(b, svg, s->start, s->end, top, bottom);
	for (size_t r = 0; r < nshow; r++) {
		const struct rlink *lk = &s->links[order[r]];
		double y = top + rowh * (double)r;
		xmlNodePtr g;

		ro_rp_rect(b, svg, LEFT, y, PW, rowh - 1, "row");
		ro_rp_svg_text(b, svg, LEFT - 6, y + rowh - 3, "end",
			       "row-label", lk->id);
		g = ro_rp_el(b, svg, "g", NULL);
		ro_rp_set(b, g, "data-link", lk->id);
		for (int32_t col = 0; col < ncols; col++) {
			int64_t sum = 0;
			double u = 0;

			for (int32_t t = col * bucket;
			     t < (col + 1) * bucket && t < s->nslots; t++) {
				double v = lk->usable[t] > 0
					   ? (double)lk->bytes[t] /
					     (double)lk->usable[t]
					   : lk->bytes[t] > 0 ? INFINITY : 0;

				sum += lk->bytes[t];
				if (v > u)
					u = v;
			}
			if (sum > 0)
				ro_rp_rect(b, g, LEFT + col * colw, y, colw,
					   rowh - 1, heat_class(u));
		}
	}
	for (int i = 0; i < 6; i++) {
		double x = LEFT + i * 130.0;
		xmlNodePtr r = ro_rp_rect(b, svg, x, bottom + 30, 12, 12,
					  i == 5 ? "sat" : NULL);

		if (i < 5)
			ro_rp_setf(b, r, "class", "h%d", i + 1);
		ro_rp_svg_text(b, svg, x + 16, bottom + 40, NULL, "tick",
			       heat_legend[i]);
	}
}

/* The frame of the cumulative chart: its time axis t0..t1 and its
 * vertical scale 0..ymax, drawn over top..top + ph. */
struct frame {
	ro_time t0, t1;
	double span, ymax, top, ph;
};

static double frame_x(const struct frame *f, ro_time t)
{
	return LEFT + PW * (double)(t - f->t0) / f->span;
}

static double frame_y(const struct frame *f, double v)
{
	return yscale(v, f->ymax, f->top, f->ph);
}

/* The curve of schedule s (the i-th, in its colour), its finish dot and
 * its legend entry at legend_y, in a group of its own. */
static void cumulative_curve(struct b *b, xmlNodePtr svg,
			     const struct frame *f, const struct rsched *s,
			     size_t i, double legend_y, struct sbuf *sb)
{
	const char *colour = palette[i % 8];
	char buf[512], a[32], c[32], w[128], when[64];
	int64_t cum = 0;
	xmlNodePtr pl, g;

	g = ro_rp_el(b, svg, "g", NULL);
	ro_rp_set(b, g, "data-schedule", ro_rp_sched_label(s));
	ro_rp_sb_printf(sb, "%.2f,%.2f", frame_x(f, s->start), frame_y(f, 0));
	for (int32_t e = 0; e <= s->nslots; e++) {
		double x;

		if (!s->finished[e])
			continue;
		x = frame_x(f, s->start + (ro_time)e * s->slot_min);
		ro_rp_sb_printf(sb, " %.2f,%.2f", x, frame_y(f, (double)cum));
		cum += s->finished[e];
		ro_rp_sb_printf(sb, " %.2f,%.2f", x, frame_y(f, (double)cum));
	}
	ro_rp_sb_printf(sb, " %.2f,%.2f", frame_x(f, s->end),
			frame_y(f, (double)cum));
	pl = ro_rp_el(b, g, "polyline", NULL);
	ro_rp_set(b, pl, "class", "cumulative");
	ro_rp_setf(b, pl, "style", "stroke:%s", colour);
	ro_rp_set_sb(b, pl, "points", sb);
	if (s->head.placed > 0) {
		xmlNodePtr dot = ro_rp_el(b, g, "circle", NULL);

		ro_rp_setf(b, dot, "cx", "%.2f", frame_x(f, s->head.makespan));
		ro_rp_setf(b, dot, "cy", "%.2f",
			   frame_y(f, (double)s->head.placed));
		ro_rp_set(b, dot, "r", "4");
		ro_rp_set(b, dot, "class", "finish");
		ro_rp_setf(b, dot, "style", "fill:%s", colour);
	}
	ro_rp_line(b, g, LEFT, legend_y - 4, LEFT + 30, legend_y - 4,
		   "legend-line");
	ro_rp_setf(b, g ? g->last : NULL, "style", "stroke:%s", colour);
	if (s->head.placed > 0)
		snprintf(w, sizeof w, ", the last finishing %s",
			 ro_rp_fmt_when(s->head.makespan, when, sizeof when));
	else
		snprintf(w, sizeof w, "; none placed");
	snprintf(buf, sizeof buf, "%s: %s of %s clients%s",
		 ro_rp_sched_label(s), ro_rp_fmt_count(s->head.placed, a,
						       sizeof a),
		 ro_rp_fmt_count(s->head.placed + s->head.unplaced, c,
				 sizeof c), w);
	ro_rp_svg_text(b, g, LEFT + 38, legend_y, NULL, "legend", buf);
}

/* Cumulative clients finished over time, one curve per schedule on a
 * shared time axis (the union of their horizons). */
void ro_rp_cumulative_chart(struct b *b, xmlNodePtr parent,
			    const struct rsched *v, size_t n,
			    struct sbuf *sb)
{
	struct frame f = { v[0].start, v[0].end, 0, 1, 12, 220 };
	double legend_top = f.top + f.ph + 30;
	char a[32];
	xmlNodePtr svg;

	for (size_t i = 0; i < n; i++) {
		int64_t all = v[i].head.placed + v[i].head.unplaced;

		if (v[i].start < f.t0)
			f.t0 = v[i].start;
		if (v[i].end > f.t1)
			f.t1 = v[i].end;
		if ((double)all > f.ymax)
			f.ymax = (double)all;
	}
	assert(f.t1 > f.t0);   /* every horizon holds a slot */
	f.span = (double)(f.t1 - f.t0);
	svg = ro_rp_svg_new(b, parent, SVG_W, legend_top + 20.0 * (double)n + 4,
			    "cumulative-chart", "clients finished over time");
	time_axis(b, svg, f.t0, f.t1, f.top, f.top + f.ph);
	ro_rp_line(b, svg, LEFT, f.top + f.ph, LEFT + PW, f.top + f.ph,
		   "axis");
	for (int i = 0; i <= 4; i++) {
		double val = f.ymax * i / 4, y = frame_y(&f, val);

		ro_rp_line(b, svg, LEFT, y, LEFT + PW, y, i ? "hgrid" : "axis");
		ro_rp_svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			       ro_rp_fmt_count((int64_t)llround(val), a,
					       sizeof a));
	}
	ro_rp_svg_text(b, svg, 4, f.top + f.ph / 2, NULL, "tick",
		       "clients finished");
	for (size_t i = 0; i < n; i++)
		cumulative_curve(b, svg, &f, &v[i], i,
				 legend_top + 20.0 * (double)i, sb);
}

static double sim_ratio(const struct rsimlink *l)
{
	return l->peak_usable > 0 ? (double)l->peak_demand /
	       (double)l->peak_usable : 0;
}

/* A link's sort key (of a schedule or of a simulation). */
struct busy {
	int64_t overload;
	double peak;
	int64_t total;
	size_t i;
};

/* Busiest first: most overload (an SMS 2.0 forecast's; 0 otherwise), then
 * highest peak utilisation (or demand ratio), then most bytes, then site
 * order (a total order, so the result does not depend on qsort). */
static int cmp_busy(const void *pa, const void *pb)
{
	const struct busy *a = pa, *b = pb;

	if (a->overload != b->overload)
		return a->overload > b->overload ? -1 : 1;
	if (a->peak != b->peak)
		return a->peak > b->peak ? -1 : 1;
	if (a->total != b->total)
		return a->total > b->total ? -1 : 1;
	return a->i < b->i ? -1 : a->i > b->i;
}

size_t *ro_rp_busiest_links(const struct rsched *s)
{
	struct busy *bz = ro_calloc(s->nlinks ? s->nlinks : 1, sizeof *bz);
	size_t *order = ro_calloc(s->nlinks ? s->nlinks : 1, sizeof *order);

	if (!bz || !order) {
		ro_free(bz);
		ro_free(order);
		return NULL;
	}
	for (size_t i = 0; i < s->nlinks; i++) {
		bz[i].overload = s->links[i].overload;
		bz[i].peak = s->links[i].peak;
		bz[i].total = s->links[i].total;
		bz[i].i = i;
	}
	qsort(bz, s->nlinks, sizeof *bz, cmp_busy);
	for (size_t i = 0; i < s->nlinks; i++)
		order[i] = bz[i].i;
	ro_free(bz);
	return order;
}

/* The links of m with any demand by index, highest ratio first, into
 * order (m->nlinks long); returns how many.  -1 when out of memory. */
static ptrdiff_t sim_order(const struct rsim *m, size_t *order)
{
	struct busy *bz = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *bz);
	size_t n = 0;

	if (!bz)
		return -1;
	for (size_t i = 0; i < m->nlinks; i++)
		if (m->links[i].peak_demand > 0) {
			bz[n].peak = sim_ratio(&m->links[i]);
			bz[n].total = m->links[i].peak_demand;
			bz[n++].i = i;
		}
	qsort(bz, n, sizeof *bz, cmp_busy);
	for (size_t i = 0; i < n; i++)
		order[i] = bz[i].i;
	ro_free(bz);
	return (ptrdiff_t)n;
}

/* The highest utilisation the first of the nv schedules v that has link
 * id plans on it; -1 when none has it. */
static double planned_peak(const struct rsched *v, size_t nv, const char *id)
{
	for (size_t i = 0; i < nv; i++)
		for (size_t k = 0; k < v[i].nlinks; k++)
			if (strcmp(v[i].links[k].id, id) == 0)
				return v[i].links[k].peak;
	return -1;
}

/* One link's row of the baseline chart at y: its demand bar (w pixels is
 * a ratio of xmax) with the ratio and when, and the planned peak. */
static void baseline_row(struct b *b, xmlNodePtr svg,
			 const struct rsimlink *l, double planned, double y,
			 double w, double xmax)
{
	double ratio = sim_ratio(l);
	char buf[512], a[64], c[96];
	xmlNodePtr g, bar;

	g = ro_rp_el(b, svg, "g", NULL);
	ro_rp_set(b, g, "data-link", l->id);
	ro_rp_svg_text(b, g, LEFT - 6, y + 12, "end", "row-label", l->id);
	bar = ro_rp_rect(b, g, LEFT, y + 2, w * ratio / xmax, 12, "demand");
	ro_rp_setf(b, bar, "data-ratio", "%.4f", ratio);
	if (l->has_peak)
		snprintf(c, sizeof c, " at %s",
			 ro_rp_fmt_when(l->peak_at, a, sizeof a));
	else
		c[0] = '\0';
	snprintf(buf, sizeof buf, "%.2f x%s", ratio, c);
	ro_rp_svg_text(b, g, LEFT + w * ratio / xmax + 4, y + 12, NULL,
		       "tick", buf);
	if (planned >= 0 && isfinite(planned)) {
		bar = ro_rp_rect(b, g, LEFT, y + 16, w * planned / xmax, 6,
				 "planned");
		ro_rp_setf(b, bar, "data-ratio", "%.4f", planned);
	}
}

/* Without a plan (simulation): per link the peak demand against the usable
 * capacity at that moment, beside the planned peak of the first schedule
 * that has the link. */
void ro_rp_baseline_chart(struct b *b, xmlNodePtr parent,
			  const struct rsim *m, const struct rsched *v,
			  size_t nv, int max_links, xmlNodePtr note)
{
	const double top = 24, rowh = 26, left = LEFT, w = PW - 210;
	size_t *order = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *order);
	ptrdiff_t nwith = order ? sim_order(m, order) : -1;
	size_t nshow;
	double xmax = 1;
	char buf[512];
	xmlNodePtr svg;

	if (nwith < 0) {
		b->oom = 1;
		goto out;
	}
	nshow = (size_t)nwith;
	if (nshow > (size_t)max_links) {
		snprintf(buf, sizeof buf, " The %d links with the highest "
			 "ratio of %zu with demand are shown.", max_links,
			 nshow);
		ro_rp_text(b, note, buf);
		nshow = (size_t)max_links;
	}
	for (size_t r = 0; r < nshow; r++)
		if (sim_ratio(&m->links[order[r]]) > xmax)
			xmax = sim_ratio(&m->links[order[r]]);
	svg = ro_rp_svg_new(b, parent, SVG_W, top + rowh * (double)nshow + 30,
			    "baseline-chart",
			    "unplanned peak demand against capacity");
	ro_rp_svg_text(b, svg, left, 14, NULL, "tick", "peak demand / usable "
		       "capacity (1 = the link is full)");
	ro_rp_rect(b, svg, left + 330, 5, 12, 10, "demand");
	ro_rp_svg_text(b, svg, left + 346, 14, NULL, "tick", "without a plan");
	ro_rp_rect(b, svg, left + 450, 7, 12, 6, "planned");
	ro_rp_svg_text(b, svg, left + 466, 14, NULL, "tick", "with the plan");
	for (size_t r = 0; r < nshow; r++) {
		const struct rsimlink *l = &m->links[order[r]];

		baseline_row(b, svg, l, planned_peak(v, nv, l->id),
			     top + rowh * (double)r, w, xmax);
	}
	ro_rp_line(b, svg, left + w / xmax, top - 4, left + w / xmax,
		   top + rowh * (double)nshow, "capacity-line");
	ro_rp_svg_text(b, svg, left + w / xmax + 3,
		       top + rowh * (double)nshow + 12, NULL, "tick",
		       "capacity");
out:
	ro_free(order);
}
