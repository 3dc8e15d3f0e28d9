/*
 * report_chart.c - the report's SVG charts: clients finished over time,
 * the utilisation heatmap, load against capacity per link, and the
 * unplanned peaks of a simulation.
 *
 * All charts share the left label column and the plot width (LEFT, PW),
 * so that their time axes line up down the page.
 */
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

	while (every * dayw < 60 && every < 366)
		every = every < 7 ? every + 1 : every + 7;
	for (ro_time d = ro_time_day_start(t0); d < t1; d += RO_DAY_MIN) {
		ro_time a = d < t0 ? t0 : d, z = d + RO_DAY_MIN;

		if (z > t1)
			z = t1;
		if (ro_time_dow(d) >= 5 && dayw >= 2)
			ro_rp_rect(b, svg, LEFT + PW * (double)(a - t0) / span, top,
				   PW * (double)(z - a) / span, bottom - top,
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
				       ro_rp_fmt_day(d, dayw * every >= 60, buf, sizeof buf));
	}
}

/* y of value v on a vertical scale 0..max drawn from bottom up to top. */
static double yscale(double v, double max, double top, double h)
{
	return top + h - (max > 0 ? v / max : 0) * h;
}

/* Per link: planned bytes against usable capacity over the horizon,
 * stepped per column (a column is `bucket` slots, their sums). */
void ro_rp_load_chart(struct b *b, xmlNodePtr parent, const struct rsched *s,
		      const struct rlink *lk, struct sbuf *sb)
{
	const double top = 24, ph = 90;
	int32_t bucket = ro_rp_bucket_of(s->nslots);
	int32_t ncols = (s->nslots + bucket - 1) / bucket;
	double ymax = 0, colw = PW / ncols;
	int64_t *cb = ro_calloc((size_t)ncols, sizeof *cb);
	int64_t *cu = ro_calloc((size_t)ncols, sizeof *cu);
	bool *sat = ro_calloc((size_t)ncols, sizeof *sat);
	char title[512], a[64], c[64], lbl[64];
	xmlNodePtr svg, n;

	if (!cb || !cu || !sat) {
		b->oom = 1;
		goto out;
	}
	for (int32_t t = 0; t < s->nslots; t++) {
		int32_t col = t / bucket;

		cb[col] += lk->bytes[t];
		cu[col] += lk->usable[t];
		if (lk->usable[t] > 0
		    ? (double)lk->bytes[t] >= SATURATED * (double)lk->usable[t]
		    : lk->bytes[t] > 0)
			sat[col] = true;
	}
	for (int32_t col = 0; col < ncols; col++) {
		if ((double)cb[col] > ymax)
			ymax = (double)cb[col];
		if ((double)cu[col] > ymax)
			ymax = (double)cu[col];
	}
	if (ymax <= 0)
		ymax = 1;

	snprintf(title, sizeof title, "link %s: planned bytes against usable "
		 "capacity", lk->id);
	svg = ro_rp_svg_new(b, parent, SVG_W, top + ph + 30, "load-chart", title);
	ro_rp_set(b, svg, "data-link", lk->id);
	snprintf(title, sizeof title, "%s   peak %s, %" PRId32 " slot%s "
		 "saturated, %s planned", lk->id,
		 ro_rp_fmt_pct(lk->peak, a, sizeof a), lk->saturated,
		 lk->saturated == 1 ? "" : "s", ro_rp_fmt_mb(lk->total, c, sizeof c));
	ro_rp_svg_text(b, svg, 4, 14, NULL, "chart-title", title);
	time_axis(b, svg, s->start, s->end, top, top + ph);
	ro_rp_line(b, svg, LEFT, top + ph, LEFT + PW, top + ph, "axis");
	for (int i = 0; i <= 2; i++) {
		double v = ymax * i / 2, y = yscale(v, ymax, top, ph);

		ro_rp_line(b, svg, LEFT - 3, y, LEFT, y, "axis");
		ro_rp_svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			       ro_rp_fmt_mb((int64_t)llround(v), lbl, sizeof lbl));
	}
	snprintf(lbl, sizeof lbl, "per %" PRId32 " min", bucket * s->slot_min);
	ro_rp_svg_text(b, svg, LEFT - 6, top + ph + 24, "end", "tick", lbl);

	/* usable capacity, then the planned bytes in front of it: areas
	 * whose top edge steps per column (runs of equal columns merged) */
	for (int pass = 0; pass < 2; pass++) {
		const int64_t *v = pass == 0 ? cu : cb;
		int32_t from = 0;

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
		ro_rp_set(b, n, "class", pass == 0 ? "usable" : "load");
		ro_rp_set_sb(b, n, "points", sb);
	}
	for (int32_t col = 0; col < ncols; col++)
		if (sat[col])
			ro_rp_rect(b, svg, LEFT + col * colw, top + ph + 1,
				   colw < 1 ? 1 : colw, 4, "sat");
out:
	ro_free(cb);
	ro_free(cu);
	ro_free(sat);
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

	snprintf(label, sizeof label, "utilisation heatmap of %zu links",
		 nshow);
	svg = ro_rp_svg_new(b, parent, SVG_W, bottom + 60, "heatmap", label);
	time_axis(b, svg, s->start, s->end, top, bottom);
	for (size_t r = 0; r < nshow; r++) {
		const struct rlink *lk = &s->links[order[r]];
		double y = top + rowh * (double)r;
		xmlNodePtr g;

		ro_rp_rect(b, svg, LEFT, y, PW, rowh - 1, "row");
		ro_rp_svg_text(b, svg, LEFT - 6, y + rowh - 3, "end", "row-label",
			       lk->id);
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
				ro_rp_rect(b, g, LEFT + col * colw, y, colw, rowh - 1,
					   heat_class(u));
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

/* Cumulative clients finished over time, one curve per schedule on a
 * shared time axis (the union of their horizons). */
void ro_rp_cumulative_chart(struct b *b, xmlNodePtr parent,
			    const struct rsched *v, size_t n,
			    struct sbuf *sb)
{
	const double top = 12, ph = 220;
	ro_time t0 = v[0].start, t1 = v[0].end;
	double ymax = 1, span;
	double legend_top = top + ph + 30;
	char buf[512], a[32], c[32], w[128], when[64];
	xmlNodePtr svg;

	for (size_t i = 0; i < n; i++) {
		if (v[i].start < t0)
			t0 = v[i].start;
		if (v[i].end > t1)
			t1 = v[i].end;
		if ((double)(v[i].head.placed + v[i].head.unplaced) > ymax)
			ymax = (double)(v[i].head.placed + v[i].head.unplaced);
	}
	span = (double)(t1 - t0);
	svg = ro_rp_svg_new(b, parent, SVG_W, legend_top + 20.0 * (double)n + 4,
			    "cumulative-chart", "clients finished over time");
	time_axis(b, svg, t0, t1, top, top + ph);
	ro_rp_line(b, svg, LEFT, top + ph, LEFT + PW, top + ph, "axis");
	for (int i = 0; i <= 4; i++) {
		double val = ymax * i / 4, y = yscale(val, ymax, top, ph);

		ro_rp_line(b, svg, LEFT, y, LEFT + PW, y, i ? "hgrid" : "axis");
		ro_rp_svg_text(b, svg, LEFT - 6, y + 4, "end", "tick",
			       ro_rp_fmt_count((int64_t)llround(val), a, sizeof a));
	}
	ro_rp_svg_text(b, svg, 4, top + ph / 2, NULL, "tick", "clients finished");
	for (size_t i = 0; i < n; i++) {
		const struct rsched *s = &v[i];
		const char *colour = palette[i % 8];
		int64_t cum = 0;
		double x;
		xmlNodePtr pl, g;

		g = ro_rp_el(b, svg, "g", NULL);
		ro_rp_set(b, g, "data-schedule", ro_rp_sched_label(s));
		ro_rp_sb_printf(sb, "%.2f,%.2f", LEFT + PW * (double)(s->start - t0) /
				span, yscale(0, ymax, top, ph));
		for (int32_t e = 0; e <= s->nslots; e++) {
			if (!s->finished[e])
				continue;
			x = LEFT + PW * (double)(s->start +
				(ro_time)e * s->slot_min - t0) / span;
			ro_rp_sb_printf(sb, " %.2f,%.2f", x,
					yscale((double)cum, ymax, top, ph));
			cum += s->finished[e];
			ro_rp_sb_printf(sb, " %.2f,%.2f", x,
					yscale((double)cum, ymax, top, ph));
		}
		ro_rp_sb_printf(sb, " %.2f,%.2f", LEFT + PW * (double)(s->end - t0) /
				span, yscale((double)cum, ymax, top, ph));
		pl = ro_rp_el(b, g, "polyline", NULL);
		ro_rp_set(b, pl, "class", "cumulative");
		ro_rp_setf(b, pl, "style", "stroke:%s", colour);
		ro_rp_set_sb(b, pl, "points", sb);
		if (s->head.placed > 0) {
			xmlNodePtr dot = ro_rp_el(b, g, "circle", NULL);

			ro_rp_setf(b, dot, "cx", "%.2f", LEFT + PW *
				   (double)(s->head.makespan - t0) / span);
			ro_rp_setf(b, dot, "cy", "%.2f",
				   yscale((double)s->head.placed, ymax, top, ph));
			ro_rp_set(b, dot, "r", "4");
			ro_rp_set(b, dot, "class", "finish");
			ro_rp_setf(b, dot, "style", "fill:%s", colour);
		}
		/* the legend entry */
		ro_rp_line(b, g, LEFT, legend_top + 20.0 * (double)i - 4, LEFT + 30,
			   legend_top + 20.0 * (double)i - 4, "legend-line");
		ro_rp_setf(b, g->last, "style", "stroke:%s", colour);
		if (s->head.placed > 0)
			snprintf(w, sizeof w, ", the last finishing %s",
				 ro_rp_fmt_when(s->head.makespan, when, sizeof when));
		else
			snprintf(w, sizeof w, "; none placed");
		snprintf(buf, sizeof buf, "%s: %s of %s clients%s",
			 ro_rp_sched_label(s), ro_rp_fmt_count(s->head.placed, a, sizeof a),
			 ro_rp_fmt_count(s->head.placed + s->head.unplaced, c, sizeof c), w);
		ro_rp_svg_text(b, g, LEFT + 38, legend_top + 20.0 * (double)i, NULL,
			       "legend", buf);
	}
}

static double sim_ratio(const struct rsimlink *l)
{
	return l->peak_usable > 0 ? (double)l->peak_demand /
	       (double)l->peak_usable : 0;
}

/* Busiest first: most overload (an SMS 2.0 forecast's; 0 otherwise), then
 * highest peak utilisation (or demand ratio), then most bytes, then site
 * order (a total order, so the result does not depend on qsort). */
int ro_rp_cmp_busy(const void *pa, const void *pb)
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

/* Without a plan (simulation): per link the peak demand against the usable
 * capacity at that moment, beside the planned peak of the first schedule
 * that has the link. */
void ro_rp_baseline_chart(struct b *b, xmlNodePtr parent,
			  const struct rsim *m, const struct rsched *v,
			  size_t nv, int max_links, xmlNodePtr note)
{
	const double top = 24, rowh = 26, left = LEFT, w = PW - 210;
	struct busy *bz = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *bz);
	size_t *order = ro_calloc(m->nlinks ? m->nlinks : 1, sizeof *order);
	size_t nshow = 0;
	double xmax = 1;
	char buf[512], a[64], c[96];
	xmlNodePtr svg;

	if (!order || !bz) {
		b->oom = 1;
		goto out;
	}
	for (size_t i = 0; i < m->nlinks; i++)
		if (m->links[i].peak_demand > 0) {
			bz[nshow].peak = sim_ratio(&m->links[i]);
			bz[nshow].total = m->links[i].peak_demand;
			bz[nshow++].i = i;
		}
	qsort(bz, nshow, sizeof *bz, ro_rp_cmp_busy);
	for (size_t i = 0; i < nshow; i++)
		order[i] = bz[i].i;
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
			    "baseline-chart", "unplanned peak demand against capacity");
	ro_rp_svg_text(b, svg, left, 14, NULL, "tick", "peak demand / usable "
		       "capacity (1 = the link is full)");
	ro_rp_rect(b, svg, left + 330, 5, 12, 10, "demand");
	ro_rp_svg_text(b, svg, left + 346, 14, NULL, "tick", "without a plan");
	ro_rp_rect(b, svg, left + 450, 7, 12, 6, "planned");
	ro_rp_svg_text(b, svg, left + 466, 14, NULL, "tick", "with the plan");
	for (size_t r = 0; r < nshow; r++) {
		const struct rsimlink *l = &m->links[order[r]];
		double y = top + rowh * (double)r, ratio = sim_ratio(l);
		double planned = -1;
		xmlNodePtr g, bar;

		for (size_t i = 0; i < nv && planned < 0; i++)
			for (size_t k = 0; k < v[i].nlinks; k++)
				if (strcmp(v[i].links[k].id, l->id) == 0) {
					planned = v[i].links[k].peak;
					break;
				}
		g = ro_rp_el(b, svg, "g", NULL);
		ro_rp_set(b, g, "data-link", l->id);
		ro_rp_svg_text(b, g, left - 6, y + 12, "end", "row-label", l->id);
		bar = ro_rp_rect(b, g, left, y + 2, w * ratio / xmax, 12, "demand");
		ro_rp_setf(b, bar, "data-ratio", "%.4f", ratio);
		if (l->has_peak)
			snprintf(c, sizeof c, " at %s",
				 ro_rp_fmt_when(l->peak_at, a, sizeof a));
		else
			c[0] = '\0';
		snprintf(buf, sizeof buf, "%.2f x%s", ratio, c);
		ro_rp_svg_text(b, g, left + w * ratio / xmax + 4, y + 12, NULL,
			       "tick", buf);
		if (planned >= 0 && isfinite(planned)) {
			bar = ro_rp_rect(b, g, left, y + 16, w * planned / xmax, 6,
					 "planned");
			ro_rp_setf(b, bar, "data-ratio", "%.4f", planned);
		}
	}
	ro_rp_line(b, svg, left + w / xmax, top - 4, left + w / xmax,
		   top + rowh * (double)nshow, "capacity-line");
	ro_rp_svg_text(b, svg, left + w / xmax + 3, top + rowh * (double)nshow + 12,
		       NULL, "tick", "capacity");
out:
	ro_free(bz);
	ro_free(order);
}
