/*
 * compare.c - plan several scenarios of a site and collect their figures
 * (compare.h).
 *
 * Every figure comes from the verifier's recomputation (struct ro_eval) or,
 * for the baseline, from the simulation: per link and slot arrays that are
 * O(links x slots), and one pass over the clients for the reasons and the
 * RAS clients.  Nothing here is O(clients^2) or depends on hash order.
 */
#include "compare.h"

#include <stdio.h>
#include <string.h>

#include "../io/site_read.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../solver/clock.h"

__extension__ typedef unsigned __int128 u128;

void ro_figures_release(struct ro_figures *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->nwan; i++)
		ro_free(f->wan[i].id);
	ro_free(f->wan);
	ro_free(f->days);
	ro_free(f->name);
	ro_free(f->error);
	memset(f, 0, sizeof *f);
}

/* a/b > c/d for non-negative a, c and positive b, d, exactly */
static bool ratio_gt(int64_t a, int64_t b, int64_t c, int64_t d)
{
	return (u128)(uint64_t)a * (uint64_t)d > (u128)(uint64_t)c * (uint64_t)b;
}

/* The WAN links of s with their peak over load (nlinks x nslots, row per
 * link, column t - first for slot t) against usable, and the per-day bytes
 * of load capped at usable when cap is set.  The days are every date of
 * the horizon, then those after it up to the last with WAN load (an SMS
 * 2.0 forecast runs past the horizon).  Fills f->wan and f->days. */
static int wan_figures(const struct ro_site *s, const int64_t *load,
		       const int64_t *usable, int32_t first, int32_t nslots,
		       bool cap, struct ro_figures *f)
{
	int32_t T = s->horizon.nslots, tlast = T - 1;
	ro_time day0 = ro_time_day_start(s->horizon.start);
	size_t nwan = 0;

	for (size_t l = 0; l < s->nlinks; l++) {
		const int64_t *ld = load + l * (size_t)nslots;

		if (s->links[l].kind != RO_LINK_WAN)
			continue;
		nwan++;
		for (int32_t j = nslots - 1; j >= 0 && first + j > tlast; j--)
			if (ld[j] > 0) {
				tlast = first + j;
				break;
			}
	}
	f->ndays = (size_t)((ro_time_day_start(ro_slot_time(s, tlast)) -
			     day0) / RO_DAY_MIN) + 1;
	f->days = ro_calloc(f->ndays, sizeof *f->days);
	f->wan = nwan ? ro_calloc(nwan, sizeof *f->wan) : NULL;
	if (!f->days || (nwan && !f->wan))
		return RO_ENOMEM;
	for (size_t k = 0; k < f->ndays; k++)
		f->days[k].day = day0 + (ro_time)k * RO_DAY_MIN;

	for (size_t l = 0; l < s->nlinks; l++) {
		struct ro_wan_figure *w;
		const int64_t *ld = load + l * (size_t)nslots;
		const int64_t *us = usable + l * (size_t)nslots;

		if (s->links[l].kind != RO_LINK_WAN)
			continue;
		w = &f->wan[f->nwan++];
		w->id = ro_strdup(ro_site_str(s, s->links[l].id));
		if (!w->id)
			return RO_ENOMEM;
		w->peak_slot = -1;
		w->peak_usable = 1;
		for (int32_t j = 0; j < nslots; j++) {
			int32_t t = first + j;
			int64_t b = ld[j];
			ro_time d;

			if (b <= 0)
				continue;
			/* a load on a slot with nothing usable cannot happen
			 * in a verified per-client plan; the simulation has no
			 * such demand either (nothing moves there); a forecast
			 * may have it, and then it counts as overload, not as
			 * a peak ratio */
			if (us[j] > 0 &&
			    (w->peak_load == 0 ||
			     ratio_gt(b, us[j], w->peak_load, w->peak_usable))) {
				w->peak_load = b;
				w->peak_usable = us[j];
				w->peak_slot = t;
			}
			if (cap && b > us[j])
				b = us[j] > 0 ? us[j] : 0;
			d = ro_time_day_start(ro_slot_time(s, t));
			/* a forecast's load before the horizon start (none:
			 * releases lie inside it) has no day of its own */
			if (d >= day0)
				f->days[(size_t)((d - day0) / RO_DAY_MIN)].bytes += b;
		}
	}
	return RO_OK;
}

/* Whether each slot 0..T-1 is in office hours (model/office.h); T bytes,
 * caller frees. */
static uint8_t *office_slots(const struct ro_site *s)
{
	int32_t T = s->horizon.nslots;
	uint8_t *v = ro_malloc((size_t)T);

	if (v)
		for (int32_t t = 0; t < T; t++)
			v[t] = ro_office_slot(s, t);
	return v;
}

/* The first start opportunity (LAN view) of every RAS record, -1 when it
 * has none; NULL on allocation failure.  Other records get -1 too. */
static int32_t *ras_first_opp(const struct ro_site *s, struct ro_expand *x,
			      int *err)
{
	int32_t *v = ro_mallocarray(s->nclients, sizeof *v);

	*err = v ? RO_OK : RO_ENOMEM;
	for (size_t r = 0; v && r < s->nclients; r++) {
		struct ro_opp *opp = NULL;
		size_t n = 0;

		v[r] = -1;
		if (s->clients[r].conn != RO_CONN_RAS)
			continue;
		*err = ro_expand_opportunities(x, r, true, &opp, &n);
		if (*err) {
			ro_free(v);
			return NULL;
		}
		if (n)
			v[r] = opp[0].slot;
		ro_free(opp);
	}
	return v;
}

/* Counts the RAS clients and those deferred: started later than the
 * record's first opportunity, or never.  The start of client i is
 * p->a[i].start with a plan, else start[i]; -1 when it never starts.
 * Clients are numbered record by record (model/plan.h). */
static int ras_figures(const struct ro_site *s, struct ro_expand *x,
		       const struct ro_plan *p, const int32_t *start,
		       struct ro_figures *f)
{
	int err;
	int32_t *opp = ras_first_opp(s, x, &err);
	size_t i = 0;

	if (!opp)
		return err;
	for (size_t r = 0; r < s->nclients; r++) {
		bool ras = s->clients[r].conn == RO_CONN_RAS;

		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			int32_t st = p ? p->a[i].start : start[i];

			if (!ras)
				continue;
			f->ras_clients++;
			if (st < 0 || st > opp[r])
				f->ras_deferred++;
		}
	}
	ro_free(opp);
	return RO_OK;
}

static void set_horizon(const struct ro_site *s, struct ro_figures *f)
{
	f->horizon = s->horizon;
}

/* The plan's status and stages, and the largest gap among them. */
static void set_status(const struct ro_plan *p, struct ro_figures *f)
{
	f->status = p->status;
	f->nstages = p->nstages < 4 ? p->nstages : 4;
	f->gap = -1;
	for (int i = 0; i < f->nstages; i++) {
		double g = ro_stage_gap(&p->stages[i]);

		f->stages[i] = p->stages[i];
		if (g > f->gap)
			f->gap = g;
	}
}

int ro_figures_compute(const struct ro_site *s, struct ro_expand *x,
		       const struct ro_plan *p, const struct ro_eval *ev,
		       struct ro_figures *f)
{
	int32_t T;
	uint8_t *office;
	int err;

	if (!f)
		return RO_EARG;
	memset(f, 0, sizeof *f);
	if (!s || !x || !p || !ev || p->n != (size_t)s->nclients_total ||
	    p->nrecords != s->nclients || ev->nslots != s->horizon.nslots ||
	    ev->nlinks != s->nlinks)
		return RO_EARG;
	T = s->horizon.nslots;
	f->kind = RO_FIGURES_PLAN;
	set_horizon(s, f);
	f->clients = (int64_t)p->n;
	f->placed = ev->placed;
	f->control = RO_CONTROL_PER_CLIENT;
	for (size_t i = 0; i < p->n; i++)
		if (p->a[i].start < 0 && p->a[i].reason < RO_COMPARE_NREASONS)
			f->unplaced[p->a[i].reason]++;
	f->makespan = ev->makespan;
	f->finish = ro_slot_time(s, ev->makespan);

	err = wan_figures(s, ev->load, ev->usable, 0, T, false, f);
	if (err)
		goto out_release;

	office = office_slots(s);
	if (!office) {
		err = RO_ENOMEM;
		goto out_release;
	}
	for (size_t l = 0; l < s->nlinks; l++)
		for (int32_t t = 0; t < T; t++) {
			int64_t n = ev->reboots[l * (size_t)T + (size_t)t];

			f->reboots += n;
			if (office[t])
				f->reboots_office += n;
		}
	ro_free(office);

	err = ras_figures(s, x, p, NULL, f);
	if (err)
		goto out_release;

	set_status(p, f);
	return RO_OK;

out_release:
	ro_figures_release(f);
	return err;
}

int ro_figures_sms20(const struct ro_site *s, const struct ro_plan *p,
		     const struct ro_sms_eval *ev, struct ro_figures *f)
{
	size_t i = 0;
	int err;

	if (!f)
		return RO_EARG;
	memset(f, 0, sizeof *f);
	if (!s || !p || !ev || p->control != RO_CONTROL_SMS20 ||
	    p->n != (size_t)s->nclients_total || p->nrecords != s->nclients ||
	    ev->nlinks != s->nlinks || !ev->fc)
		return RO_EARG;
	f->kind = RO_FIGURES_PLAN;
	f->control = RO_CONTROL_SMS20;
	set_horizon(s, f);
	f->clients = ev->tot.clients;
	f->placed = ev->tot.complete;
	f->after_horizon = ev->tot.after_horizon;
	f->makespan = (int32_t)ev->tot.makespan;
	f->finish = ro_slot_time(s, f->makespan);
	f->triggers = ev->tot.triggers;
	f->overload = ev->tot.overload;
	f->ras_bytes = ev->tot.ras_bytes;
	f->released = p->lv.released;
	f->release = p->lv.release;
	for (size_t g = 0; p->lv.instructed && g < p->lv.ngroups; g++)
		f->instructed += p->lv.instructed[g];
	for (size_t g = 0; p->lv.cohort && g <= p->lv.ngroups; g++)
		f->cohorts += p->lv.cohort[g] != RO_NEVER;

	/* one pass over the clients: reasons, restarts, dial-up copies */
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];

		for (int32_t k = 0; k < c->count; k++, i++) {
			const struct ro_fc_client *fc = &ev->fc[i];

			if (c->conn == RO_CONN_RAS)
				f->ras_clients++;
			if (fc->start != RO_NO_SLOT && fc->ras)
				f->ras_dialup++;
			if (fc->end == RO_NO_SLOT) {
				if (fc->reason < RO_COMPARE_NREASONS)
					f->unplaced[fc->reason]++;
				continue;
			}
			if (fc->reboot == RO_NO_SLOT)
				continue;
			/* every restart slot of the forecast, after the
			 * horizon too: the users see them all */
			for (int32_t t = 0; t < c->reboots; t++) {
				f->reboots++;
				f->reboots_office +=
					ro_office_slot(s, (int64_t)fc->reboot + t);
			}
		}
	}
	err = wan_figures(s, ev->load, ev->usable, ev->first, ev->nslots,
			  false, f);
	if (err) {
		ro_figures_release(f);
		return err;
	}
	set_status(p, f);
	return RO_OK;
}

int ro_figures_simulated(const struct ro_site *s, struct ro_expand *x,
			 const struct ro_sim *sim, struct ro_figures *f)
{
	int32_t T;
	int err;

	if (!f)
		return RO_EARG;
	memset(f, 0, sizeof *f);
	if (!s || !x || !sim || sim->n != (size_t)s->nclients_total ||
	    sim->nslots != s->horizon.nslots || sim->nlinks != s->nlinks)
		return RO_EARG;
	T = s->horizon.nslots;
	f->kind = RO_FIGURES_SIMULATION;
	set_horizon(s, f);
	f->clients = (int64_t)sim->n;
	f->gap = -1;
	/* the simulation's own count, so that this column and rollout
	 * simulate say the same */
	f->reboots = sim->reboots;
	f->reboots_office = sim->reboots_office;

	for (size_t i = 0; i < sim->n; i++) {
		int32_t e = sim->end[i];

		if (sim->start[i] < 0) {
			f->never++;
		} else if (e < 0 || e > T) {
			f->unfinished++;
		} else {
			f->placed++;
			if (e > f->makespan)
				f->makespan = e;
		}
	}
	f->finish = ro_slot_time(s, f->makespan);

	/* per-day bytes: demand capped at usable (see compare.h) */
	err = wan_figures(s, sim->demand, sim->usable, 0, T, true, f);
	if (err)
		goto out_release;

	err = ras_figures(s, x, NULL, sim->start, f);
	if (err)
		goto out_release;
	return RO_OK;

out_release:
	ro_figures_release(f);
	return err;
}

/* ------------------------------ compare ------------------------------ */

void ro_compare_free(struct ro_compare *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->n; i++)
		ro_figures_release(&c->v[i]);
	ro_free(c->v);
	ro_free(c->site);
	ro_free(c->path);
	ro_free(c);
}

int ro_compare_first_error(const struct ro_compare *c)
{
	for (size_t i = 0; c && i < c->n; i++)
		if (c->v[i].err != RO_OK)
			return (int)i;
	return -1;
}

static bool is_base(const char *name)
{
	return !name || !*name || strcmp(name, RO_COMPARE_BASE) == 0;
}

/* Copies the messages of from into to, each prefixed with the column. */
static void diag_copy(struct ro_diag *to, const struct ro_diag *from,
		      const char *column)
{
	for (size_t i = 0; i < from->n; i++)
		ro_diag_add(to, from->v[i].file, from->v[i].line,
			    "%s '%s': %s", "scenario", column, from->v[i].msg);
	if (from->oom)
		to->oom = 1;
}

static void say(const struct ro_solve_opts *o, const char *fmt,
		const char *name)
{
	char line[256];

	if (!o->progress)
		return;
	snprintf(line, sizeof line, fmt, name);
	o->progress(o->progress_ud, line);
}

/* Marks column f as not planned, with err and a message. */
static int column_error(struct ro_figures *f, int err, const char *msg)
{
	f->err = err;
	f->error = ro_strdup(msg);
	return f->error ? RO_OK : RO_ENOMEM;
}

/* Where an SMS 2.0 plan leaves overload, its forecast's starts simulated
 * with fair sharing: when the last client really completes.  RO_OK
 * unless out of memory; a simulation that fails otherwise leaves the
 * figures out. */
static int simulate_forecast(const struct ro_site *s, const struct ro_plan *p,
			     struct ro_figures *f, struct ro_diag *d)
{
	struct ro_sim *sim = NULL;
	struct ro_diag sd;
	int err;

	ro_diag_init(&sd);
	err = ro_simulate_sms20(s, p, &sim, &sd);
	if (err == RO_OK) {
		f->simulated = true;
		f->sim_makespan = sim->finish;
		f->sim_finish = ro_slot_time(s, sim->finish);
		f->sim_unfinished = sim->unfinished;
		f->sim_nslots = sim->nslots;
	} else if (err != RO_ENOMEM) {
		diag_copy(d, &sd, f->name);
		err = RO_OK;
	}
	ro_sim_free(sim);
	ro_diag_release(&sd);
	return err;
}

/* The figures of plan p of site s into f (its name kept), checked first by
 * the verifier of its mode.  RO_OK unless out of memory (a failed check is
 * recorded in f). */
static int plan_figures(const struct ro_site *s, struct ro_expand *x,
			const struct ro_plan *p, struct ro_figures *f,
			struct ro_diag *d)
{
	struct ro_eval *ev = NULL;
	struct ro_sms_eval *sev = NULL;
	struct ro_diag sd;
	char *name = f->name;
	long bad;
	int err;

	ro_diag_init(&sd);
	bad = p->control == RO_CONTROL_SMS20 ? ro_verify_sms20(s, p, &sev, &sd)
					     : ro_verify(s, x, p, &ev, &sd);
	if (bad < 0) {
		err = RO_ENOMEM;
		goto out;
	}
	if (bad > 0) {
		diag_copy(d, &sd, name);
		err = column_error(f, RO_EVERIFY, ro_strerror(RO_EVERIFY));
		goto out;
	}
	f->name = NULL;   /* the figures functions zero f */
	err = sev ? ro_figures_sms20(s, p, sev, f)
		  : ro_figures_compute(s, x, p, ev, f);
	f->name = name;
	if (err && err != RO_ENOMEM)
		err = column_error(f, err, ro_strerror(err));
	else if (!err && sev && f->overload > 0)
		err = simulate_forecast(s, p, f, d);
out:
	ro_eval_free(ev);
	ro_sms_eval_free(sev);
	ro_diag_release(&sd);
	return err;
}

/* Plans column f of site s with options o; RO_OK unless out of memory (a
 * solver failure is recorded in f). */
static int plan_column(const struct ro_site *s, const struct ro_solve_opts *o,
		       struct ro_figures *f, struct ro_diag *d)
{
	struct ro_expand *x = ro_expand_new(s);
	struct ro_plan *p = NULL;
	struct ro_diag sd;
	char *name = f->name;
	bool bound = f->bound;
	double t0;
	int err;

	if (!x)
		return RO_ENOMEM;
	ro_diag_init(&sd);
	say(o, "planning '%s'", name);
	t0 = ro_clock();
	err = ro_solve(s, x, o, &p, &sd);
	if (err == RO_ENOMEM)
		goto out;
	diag_copy(d, &sd, name);
	if (err) {
		if (o->interrupt && *o->interrupt)
			err = column_error(f, err, "interrupted before a plan "
					   "was found");
		else
			err = column_error(f, err, ro_strerror(err));
		goto out;
	}
	err = plan_figures(s, x, p, f, d);
	f->bound = bound;
	f->seconds = ro_clock() - t0;
out:
	ro_plan_free(p);
	ro_expand_free(x);
	ro_diag_release(&sd);
	return err;
}

/* The baseline column: the unplanned simulation of site s. */
static int simulate_column(const struct ro_site *s,
			   const struct ro_solve_opts *o, struct ro_figures *f,
			   struct ro_diag *d)
{
	struct ro_expand *x = ro_expand_new(s);
	struct ro_sim *sim = NULL;
	char *name = f->name;
	double t0;
	int err;

	if (!x)
		return RO_ENOMEM;
	say(o, "simulating '%s'", name);
	t0 = ro_clock();
	err = ro_simulate(s, x, NULL, &sim, d);
	if (err == RO_OK) {
		f->name = NULL;
		err = ro_figures_simulated(s, x, sim, f);
		f->name = name;
		f->seconds = ro_clock() - t0;
	}
	if (err && err != RO_ENOMEM)
		err = column_error(f, err, ro_strerror(err));
	f->kind = RO_FIGURES_SIMULATION;
	ro_sim_free(sim);
	ro_expand_free(x);
	return err;
}

/* The control mode scenario site s is planned in with options o. */
static int mode_of(const struct ro_site *s, const struct ro_solve_opts *o)
{
	return o->control >= 0 ? o->control : (int)s->policy.control;
}

int ro_compare_run(const char *path, const char *const *scenarios, size_t n,
		   const struct ro_solve_opts *o, unsigned flags,
		   struct ro_compare **out, struct ro_diag *d)
{
	struct ro_compare *c;
	struct ro_site **sites;
	struct ro_solve_opts po;
	bool baseline = flags & RO_COMPARE_BASELINE;
	size_t nsite = n + (baseline ? 1 : 0), ncol = nsite;
	bool stopped = false;
	int err = RO_OK;

	if (out)
		*out = NULL;
	if (!path || !o || !out || !d || (n && !scenarios) || n == 0 ||
	    nsite > RO_COMPARE_MAX) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot compare: %s",
				    n == 0 || nsite > RO_COMPARE_MAX
					    ? "give 1 to 15 columns"
					    : "invalid argument");
		return RO_EARG;
	}
	c = ro_calloc(1, sizeof *c);
	sites = ro_calloc(nsite, sizeof *sites);
	if (!c || !sites || !(c->path = ro_strdup(path))) {
		err = RO_ENOMEM;
		goto out;
	}

	/* load every site first: a bad scenario name fails before any solve
	 * has been paid for */
	for (size_t i = 0; i < nsite; i++) {
		const char *sc = i < n ? scenarios[i] : NULL;

		err = ro_site_load(path, is_base(sc) ? NULL : sc, &sites[i], d);
		if (err)
			goto out;
		if (i < n && !(flags & RO_COMPARE_NO_BOUND) &&
		    mode_of(sites[i], o) == RO_CONTROL_SMS20)
			ncol++;
	}
	if (ncol > RO_COMPARE_MAX) {
		ro_diag_add(d, NULL, 0, "cannot compare: %zu columns with the "
			    "per-client bounds, at most %d; give fewer "
			    "scenarios, or leave the bounds out", ncol,
			    RO_COMPARE_MAX);
		err = RO_EARG;
		goto out;
	}
	c->site = ro_strdup(ro_site_str(sites[0], sites[0]->name));
	c->v = ro_calloc(ncol, sizeof *c->v);
	if (!c->site || !c->v) {
		err = RO_ENOMEM;
		goto out;
	}
	/* the columns: each scenario, its bound after it, the baseline */
	for (size_t i = 0; i < nsite; i++) {
		const char *sc = i < n ? scenarios[i] : NULL;
		const char *name = i >= n ? "baseline"
				   : is_base(sc) ? RO_COMPARE_BASE : sc;
		struct ro_figures *f = &c->v[c->n++];

		f->kind = i < n ? RO_FIGURES_PLAN : RO_FIGURES_SIMULATION;
		if (!(f->name = ro_strdup(name))) {
			err = RO_ENOMEM;
			goto out;
		}
		if (i < n && !(flags & RO_COMPARE_NO_BOUND) &&
		    mode_of(sites[i], o) == RO_CONTROL_SMS20) {
			size_t len = strlen(name) +
				     sizeof RO_COMPARE_BOUND_SUFFIX;

			f = &c->v[c->n++];
			f->kind = RO_FIGURES_PLAN;
			f->bound = true;
			if (!(f->name = ro_malloc(len))) {
				err = RO_ENOMEM;
				goto out;
			}
			snprintf(f->name, len, "%s%s", name,
				 RO_COMPARE_BOUND_SUFFIX);
		}
	}

	po = *o;
	po.control = RO_CONTROL_PER_CLIENT;
	for (size_t i = 0, col = 0; i < nsite; i++) {
		for (int b = 0; b < 2 && col < c->n; b++, col++) {
			struct ro_figures *f = &c->v[col];

			if (b == 1 && !f->bound)
				break;
			if (stopped) {
				err = column_error(f, RO_EINTR,
						   "not run: interrupted");
			} else if (i < n) {
				err = plan_column(sites[i], f->bound ? &po : o,
						  f, d);
				if (f->err == RO_OK &&
				    f->status == RO_STATUS_INTERRUPTED)
					stopped = true;
				if (o->interrupt && *o->interrupt)
					stopped = true;
			} else {
				err = simulate_column(sites[i], o, f, d);
			}
			if (err)
				goto out;
		}
		ro_site_free(sites[i]);
		sites[i] = NULL;
	}
out:
	for (size_t i = 0; sites && i < nsite; i++)
		ro_site_free(sites[i]);
	ro_free(sites);
	if (err) {
		if (err == RO_ENOMEM)
			ro_diag_add(d, NULL, 0, "cannot compare '%s': out of "
				    "memory", path);
		ro_compare_free(c);
		return err;
	}
	*out = c;
	return RO_OK;
}
