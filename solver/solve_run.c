/*
 * solve_run.c - the run's clock and its progress lines.
 *
 * One run of the per-client planner (struct run, solve_priv.h) has a time
 * limit split into shares, one per phase, and may be interrupted; every
 * phase asks here whether to go on and how long its next LP may take.
 * Progress goes to the caller's callback, at most a line a second in long
 * loops, with the totals over the parts.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "solve_priv.h"

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
void ro_run_say(struct run *r, const char *fmt, ...)
{
	char line[512];
	int n;
	va_list ap;

	if (!r->o->progress)
		return;
	r->last_say = ro_clock();
	n = snprintf(line, sizeof line, "[%7.2fs] ", r->last_say - r->t0);
	if (r->nparts > 1 && r->cur >= 0)
		n += snprintf(line + n, sizeof line - (size_t)n, "part %d/%d: ",
			      (int)r->cur + 1, (int)r->nparts);
	va_start(ap, fmt);
	vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	va_end(ap);
	r->o->progress(r->o->progress_ud, line);
}

/* Whether a progress line is due (at most one a second in long loops). */
bool ro_run_say_due(const struct run *r)
{
	return r->o->progress && ro_clock() - r->last_say >= 1.0;
}

double ro_rel_gap(double value, double bound, bool maximise)
{
	double diff = maximise ? bound - value : value - bound;
	double base = fabs(maximise ? bound : value);
	if (diff <= 0 || base == 0)
		return 0;
	return 100.0 * diff / base;
}

/* An interrupt ends the solve like a time limit that has just run out:
 * every stage still to come (LPs, rounding, local moves) then takes
 * moments, and the plan in hand is verified and handed back. */
static void notice_interrupt(struct run *r)
{
	if (r->o->interrupt && *r->o->interrupt && !r->interrupted) {
		r->interrupted = true;
		r->stop_at = ro_clock();
	}
}

/* When the local moves must stop (0: never). */
double ro_run_stop_time(struct run *r)
{
	notice_interrupt(r);
	if (r->phase_end > 0 && (r->stop_at <= 0 || r->phase_end < r->stop_at))
		return r->phase_end;
	return r->stop_at;
}

double ro_run_remaining(struct run *r)
{
	double end = ro_run_stop_time(r);
	if (end <= 0)
		return 0;
	double left = end - ro_clock();
	return left > 0.001 ? left : 0.001;
}

/* Whether the current phase has used its share of the time limit. */
bool ro_run_phase_over(struct run *r)
{
	return r->phase_end > 0 && ro_clock() >= r->phase_end;
}

bool ro_run_must_stop(struct run *r)
{
	notice_interrupt(r);
	if (r->interrupted)
		return true;
	if (r->stop_at > 0 && ro_clock() >= r->stop_at) {
		r->timed_out = true;
		return true;
	}
	return false;
}

void ro_run_set_phase(struct run *r, double share)
{
	r->phase_end = r->stop_at > 0 ? r->t0 + (r->stop_at - r->t0) * share : 0;
}

void ro_run_totals(const struct run *r, struct totals *t)
{
	memset(t, 0, sizeof *t);
	for (int32_t k = 0; k < r->nparts; k++) {
		const struct part *pt = &r->parts[k];
		int32_t pm = pt->m_val;
		t->w += (double)pt->w_star;
		t->wb += pt->w_bound;
		t->c += (double)pt->c_val;
		t->cb += pt->c_bound;
		t->m = pm > t->m ? pm : t->m;
		t->mb = pt->d_lb > t->mb ? pt->d_lb : t->mb;
	}
}

/* Whether --gap is met: every stage within it of its bound. */
bool ro_run_gap_met(const struct run *r)
{
	struct totals t;
	double g = 100 * r->o->gap;

	if (r->o->gap <= 0)
		return false;
	ro_run_totals(r, &t);
	return ro_rel_gap(t.w, t.wb, true) <= g &&
	       ro_rel_gap(t.m, t.mb, false) <= g &&
	       ro_rel_gap(t.c, t.cb, false) <= g;
}

void ro_run_say_totals(struct run *r, const char *phase)
{
	struct totals t;
	int32_t cur = r->cur;

	ro_run_totals(r, &t);
	r->cur = -1;
	ro_run_say(r, "%s: placed weight %.0f (bound %.0f), makespan %d "
		   "(bound %d, gap %.2f %%), completion sum %.0f (bound %.0f, "
		   "gap %.2f %%)", phase, t.w, t.wb, (int)t.m, (int)t.mb,
		   ro_rel_gap(t.m, t.mb, false), t.c, t.cb,
		   ro_rel_gap(t.c, t.cb, false));
	r->cur = cur;
}

void ro_run_mip_progress(void *ud, double inc, double bound, bool has)
{
	struct run *r = ud;
	if (has)
		ro_run_say(r, "branch-and-bound: incumbent %.0f, bound %.2f, "
			   "gap %.2f %%", inc, bound,
			   ro_rel_gap(inc, bound, false));
	else
		ro_run_say(r, "branch-and-bound: no incumbent yet, bound %.2f",
			   bound);
}

int ro_cmp_gapped(const void *a, const void *b)
{
	const struct gapped *x = a, *y = b;
	if (x->gap != y->gap)
		return x->gap > y->gap ? -1 : 1;
	return x->k - y->k;
}
