/*
 * solve_plan.c - the parts' plans handed out as one plan of the site.
 *
 * Class counts go to clients in id order, earliest start first; the
 * stages carry the totals over the parts with their bounds, and the
 * status says whether the run proved them, ran out of time or was
 * interrupted.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>

#include "../model/error.h"
#include "clock.h"
#include "solve_priv.h"

/* Hands the class counts to clients, in id order, earliest start first. */
static void hand_out(const struct run *r, struct ro_plan *p)
{
	const struct ro_inst *in = &r->in;

	for (size_t i = 0; i < p->n; i++) {
		p->a[i].start = -1;
		p->a[i].trigger = 0;
		p->a[i].reason = in->client_cls[i] < 0 ? in->client_reason[i]
						       : RO_REASON_CAPACITY;
	}
	for (int32_t k = 0; k < r->nparts; k++) {
		const struct part *pt = &r->parts[k];
		for (size_t c = 0; c < pt->in.ncls; c++) {
			const struct ro_cls *cl = &pt->in.cls[c];
			int32_t m = 0;
			for (int32_t i = 0; i < cl->ncand; i++) {
				const struct ro_cand *cd = &pt->in.cand[cl->cand_off + i];
				for (int32_t u = 0; u < pt->best.cnt[cl->cand_off + i]; u++) {
					assert(m < cl->n);   /* the class row held */
					struct ro_assign *a =
						&p->a[in->members[cl->members_off + m++]];
					a->start = cd->s;
					a->trigger = cd->trig;
					a->reason = RO_REASON_NONE;
				}
			}
		}
	}
}

static void set_stage(struct ro_plan *p, const char *name, bool max,
		      double value, double bound)
{
	struct ro_stage *st = &p->stages[p->nstages++];
	snprintf(st->name, sizeof st->name, "%s", name);
	st->maximise = max;
	st->value = value;
	st->has_bound = true;
	st->bound = bound;
}

/* The stages: placed weight, then makespan and completion sum, or the
 * peak utilisation; totals over the parts with their bounds. */
static void set_stages(const struct run *r, struct ro_plan *p)
{
	struct totals t;
	double zb = 0, z = 0;

	ro_run_totals(r, &t);
	for (int32_t k = 0; k < r->nparts; k++) {
		zb = fmax(zb, r->parts[k].z_bound);
		z = fmax(z, ro_part_peak(&r->parts[k]));
	}
	set_stage(p, "placed-weight", true, t.w, t.wb);
	if (r->o->objective == RO_OBJ_PEAK) {
		set_stage(p, "peak-utilisation", false, z, zb);
		snprintf(p->info.objective, sizeof p->info.objective, "peak");
	} else {
		set_stage(p, "makespan", false, t.m, t.mb);
		set_stage(p, "completion-sum", false, t.c, t.cb);
	}
}

int ro_run_plan(struct run *r, struct ro_plan **out)
{
	const struct ro_solve_opts *o = r->o;
	struct ro_plan *p = ro_plan_new(r->site);

	*out = NULL;
	if (!p)
		return RO_ENOMEM;
	hand_out(r, p);
	set_stages(r, p);
	p->info.has_deadline = o->has_deadline;
	p->info.deadline = o->deadline;
	p->info.time_limit = o->time_limit;
	p->info.gap = o->gap;
	p->info.solve_seconds = ro_clock() - r->t0;
	p->status = RO_STATUS_OPTIMAL;
	for (int i = 0; i < p->nstages; i++)
		if (ro_stage_gap(&p->stages[i]) > 1e-9)
			p->status = RO_STATUS_FEASIBLE;
	if (r->interrupted)
		p->status = RO_STATUS_INTERRUPTED;
	else if (r->timed_out && p->status != RO_STATUS_OPTIMAL)
		p->status = RO_STATUS_TIME_LIMIT;
	*out = p;
	return RO_OK;
}
