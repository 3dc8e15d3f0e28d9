/*
 * sms_levers.c - the SMS 2.0 planner's discrete levers: the release among
 * its candidates, the stay-on instructions and the day each group's logon
 * scripts go on, each choice scored by the forecast it gives with no early
 * trigger (docs/solver.md, "The SMS 2.0 planner").
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/verify.h"
#include "clock.h"
#include "lp_mip.h"
#include "sms_priv.h"

static bool key_less(const struct key *a, const struct key *b)
{
	if (a->unstarted != b->unstarted)
		return a->unstarted < b->unstarted;
	if (a->overload != b->overload)
		return a->overload < b->overload;
	if (a->makespan != b->makespan)
		return a->makespan < b->makespan;
	if (a->actions != b->actions)
		return a->actions < b->actions;
	return a->completion < b->completion;
}

/* ---- the discrete levers ------------------------------------------------ */

static int score(struct sms *m, bool released, ro_time release,
		 struct key *k)
{
	struct ro_levers lv = { released, release, m->cohort, m->instr, NULL };
	struct ro_fc_totals t;
	int err = ro_forecast_site(m->fc, &lv, NULL, m->load, &t);

	if (err)
		return err;
	m->evals++;
	k->unstarted = t.clients - t.complete;
	k->overload = t.overload + t.ras_bytes;
	k->makespan = t.makespan;
	k->completion = t.completion_sum;
	k->actions = 0;
	for (size_t g = 0; g < m->ng; g++)
		k->actions += m->instr[g];
	for (size_t g = 0; g <= m->ng; g++)
		k->actions += m->decides[g] && m->cohort[g] != RO_NEVER;
	return RO_OK;
}

static int cmp_time(const void *a, const void *b)
{
	ro_time x = *(const ro_time *)a, y = *(const ro_time *)b;
	return x < y ? -1 : x > y;
}

/* The candidate release instants, sorted, each once. */
static int release_candidates(struct sms *m)
{
	const struct ro_site *s = m->s;
	const struct ro_policy *p = &s->policy;
	size_t n = 0;
	ro_time *v = NULL;

#define ADD(t_)                                                           \
	do {                                                              \
		if (!ro_grow((void **)&v, n, sizeof *v)) {                \
			ro_free(v);                                       \
			return RO_ENOMEM;                                 \
		}                                                         \
		v[n++] = (t_);                                            \
	} while (0)
	if (m->o->nreleases) {
		for (size_t i = 0; i < m->o->nreleases; i++)
			ADD(m->o->releases[i]);
	} else {
		for (size_t i = 0; i < p->nreleases; i++) {
			const struct ro_release *r = &p->releases[i];
			for (ro_time t = r->from; t <= r->to;
			     t += r->step_min > 0 ? r->step_min : 1) {
				ADD(t);
				if (r->step_min <= 0)
					break;
			}
		}
		if (n == 0)
			ADD(s->horizon.start);
	}
#undef ADD
	qsort(v, n, sizeof *v, cmp_time);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || v[i] != v[w - 1])
			v[w++] = v[i];
	m->rel = v;
	m->nrel = w;
	return RO_OK;
}

/* Groups whose scripts are a decision, and those with new installs (the
 * last entry: the clients in no group). */
static void script_groups(struct sms *m)
{
	const struct ro_site *s = m->s;

	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		size_t g = c->group ? c->group - 1 : m->ng;
		if (ro_forecast_script_upgrades(s, c)) {
			m->decides[g] = true;
			if (c->not_installed)
				m->has_new[g] = true;
		}
	}
}

/* Initial cohorts for release R: scripts on at the release where new
 * installs need them, else off (GOTO END). */
static void cohorts_init(struct sms *m, ro_time R)
{
	for (size_t g = 0; g <= m->ng; g++)
		m->cohort[g] = m->decides[g] && m->has_new[g] ? R : RO_NEVER;
}

static void instr_set(struct sms *m, unsigned mask, const size_t *choose,
		      size_t nchoose)
{
	const struct ro_site *s = m->s;

	for (size_t g = 0; g < m->ng; g++)
		m->instr[g] = s->groups[g].has_stay_on &&
			      s->groups[g].stay_use == RO_USE_YES;
	for (size_t i = 0; i < nchoose; i++)
		m->instr[choose[i]] = (mask >> i) & 1;
}

/* Keeps the levers now set if they beat the best. */
static void keep(struct sms *m, bool released, ro_time R, const struct key *k,
		 ro_time *best_cohort, bool *best_instr, bool *have)
{
	if (*have && !key_less(k, &m->best))
		return;
	*have = true;
	m->best = *k;
	m->released = released;
	m->release = R;
	memcpy(best_cohort, m->cohort, (m->ng + 1) * sizeof *best_cohort);
	memcpy(best_instr, m->instr, (m->ng + 1) * sizeof *best_instr);
}

int ro_sms_search_levers(struct sms *m)
{
	const struct ro_site *s = m->s;
	size_t *choose = ro_reallocarray(NULL, m->ng + 1, sizeof *choose);
	ro_time *bc = ro_reallocarray(NULL, m->ng + 1, sizeof *bc);
	bool *bi = ro_calloc(m->ng + 1, sizeof *bi);
	size_t nchoose = 0;
	bool have = false;
	double stop = m->o->time_limit > 0 ? m->t0 + 0.3 * m->o->time_limit : 0;
	struct key k;
	int err = RO_ENOMEM;

	if (!choose || !bc || !bi)
		goto out;
	script_groups(m);
	if ((err = release_candidates(m)))
		goto out;
	ro_sms_say(m, "model: %lld clients, %zu release candidates, %zu user "
		   "groups", (long long)s->nclients_total, m->nrel, m->ng);
	for (size_t g = 0; g < m->ng; g++)
		if (s->groups[g].has_stay_on &&
		    s->groups[g].stay_use == RO_USE_CHOOSE)
			choose[nchoose++] = g;
	for (size_t i = 0; i < m->nrel; i++) {
		ro_time R = m->rel[i];
		cohorts_init(m, R);
		if (nchoose <= EXHAUSTIVE_GROUPS) {
			for (unsigned mask = 0; mask < (1u << nchoose); mask++) {
				instr_set(m, mask, choose, nchoose);
				if ((err = score(m, true, R, &k)))
					goto out;
				keep(m, true, R, &k, bc, bi, &have);
			}
		} else {
			/* greedy: add the instruction that helps most */
			struct key cur;
			instr_set(m, 0, choose, nchoose);
			if ((err = score(m, true, R, &cur)))
				goto out;
			for (;;) {
				size_t pick = SIZE_MAX;
				struct key bk = cur;
				for (size_t j = 0; j < nchoose; j++) {
					size_t g = choose[j];
					if (m->instr[g])
						continue;
					m->instr[g] = true;
					if ((err = score(m, true, R, &k)))
						goto out;
					if (key_less(&k, &bk)) {
						bk = k;
						pick = g;
					}
					m->instr[g] = false;
				}
				if (pick == SIZE_MAX)
					break;
				m->instr[pick] = true;
				cur = bk;
			}
			keep(m, true, R, &cur, bc, bi, &have);
		}
		if (ro_sms_must_stop(m) || (stop > 0 && ro_clock() > stop))
			break;
	}
	/* the cohorts of the best, one group at a time */
	memcpy(m->cohort, bc, (m->ng + 1) * sizeof *bc);
	memcpy(m->instr, bi, (m->ng + 1) * sizeof *bi);
	for (int pass = 0; pass < 2; pass++) {
		bool moved = false;
		for (size_t g = 0; g <= m->ng; g++) {
			ro_time R = m->release, keep_t = m->cohort[g];
			ro_time day = ro_time_day_start(R) + RO_DAY_MIN;
			if (!m->decides[g])
				continue;
			/* the release, 00:00 of each later day of the horizon,
			 * and never (not where new installs need the script) */
			for (int j = 0;; j++) {
				ro_time t = j == 0 ? R : day + (ro_time)(j - 1) *
								   RO_DAY_MIN;
				if (t >= s->horizon.end) {
					if (m->has_new[g])
						break;
					t = RO_NEVER;
				}
				if (t != keep_t) {
					m->cohort[g] = t;
					if ((err = score(m, true, R, &k)))
						goto out;
					if (key_less(&k, &m->best)) {
						m->best = k;
						keep_t = t;
						moved = true;
					}
				}
				if (t == RO_NEVER)
					break;
			}
			m->cohort[g] = keep_t;
			if (ro_sms_must_stop(m))
				break;
		}
		if (!moved || ro_sms_must_stop(m))
			break;
	}
	/* "not in this horizon": only where allowed and every release
	 * overloads */
	if (s->policy.defer_allowed && m->best.overload > 0) {
		struct key none;
		if ((err = score(m, false, 0, &none)))
			goto out;
		m->released = false;
		m->best = none;
	}
	ro_sms_say(m, "levers: %ld forecasts of %zu release candidates; release %s",
	    m->evals, m->nrel, m->released ? "chosen" : "deferred");
	err = RO_OK;
out:
	ro_free(choose);
	ro_free(bc);
	ro_free(bi);
	return err;
}

