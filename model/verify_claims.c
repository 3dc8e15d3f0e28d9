/*
 * verify_claims.c - what a schedule file states, against the recomputation
 * (verify_priv.h): the summary, each placed client's times and figures,
 * and the figures of every link slot.  Each difference is a violation with
 * the line of the claim; the actions are verify_actions.c's.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "verify_priv.h"

/* load / usable x 10^4 rounded half up: the schedule's four decimals,
 * computed here again from the integers (usable > 0). */
static int64_t ratio4(int64_t load, int64_t usable)
{
	u128 v = ((u128)(uint64_t)(load > 0 ? load : 0) * 20000u +
		  (uint64_t)usable) / ((u128)(uint64_t)usable * 2u);

	return v > (u128)INT64_MAX ? INT64_MAX : (int64_t)v;
}

static const char *ratio_str(int64_t v4, char *buf, size_t n)
{
	snprintf(buf, n, "%lld.%04lld", (long long)(v4 / 10000),
		 (long long)(v4 % 10000));
	return buf;
}

/* The summary line of the file against the recomputation. */
static void check_summary(struct ro_verifier *c, const struct ro_stated *st)
{
	const struct ro_eval *ev = c->ev;
	const long ln = st->summary_line;
	const int64_t unplaced = (int64_t)c->p->n - ev->placed;
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], r1[32], r2[32];
	int64_t peak4 = 0;

	if (st->placed != RO_UNSTATED && st->placed != ev->placed)
		viol_at(c, ln, "the schedule states %lld client%s placed, the "
			"plan places %lld", (long long)st->placed,
			st->placed == 1 ? "" : "s", (long long)ev->placed);
	if (st->unplaced != RO_UNSTATED && st->unplaced != unplaced)
		viol_at(c, ln, "the schedule states %lld client%s unplaced, the "
			"plan leaves %lld", (long long)st->unplaced,
			st->unplaced == 1 ? "" : "s", (long long)unplaced);
	if (st->placed_weight != RO_UNSTATED &&
	    st->placed_weight != ev->placed_weight)
		viol_at(c, ln, "the schedule states a placed weight of %lld, "
			"the plan gives %lld", (long long)st->placed_weight,
			(long long)ev->placed_weight);
	if (st->makespan_slots != RO_UNSTATED &&
	    st->makespan_slots != ev->makespan)
		viol_at(c, ln, "the schedule states a makespan of %lld slots "
			"(%s), the plan gives %d (%s)",
			(long long)st->makespan_slots,
			slot_str(c, st->makespan_slots, t1), (int)ev->makespan,
			slot_str(c, ev->makespan, t2));
	if (st->makespan_at != RO_UNSTATED &&
	    st->makespan_at != slot_time(c, ev->makespan))
		viol_at(c, ln, "the schedule states the last client completes "
			"at %s, the plan gives %s (slot %d)",
			ro_time_format(st->makespan_at, t1),
			slot_str(c, ev->makespan, t2), (int)ev->makespan);
	if (st->completion_sum != RO_UNSTATED &&
	    st->completion_sum != ev->completion_sum)
		viol_at(c, ln, "the schedule states a completion sum of %lld, "
			"the plan gives %lld", (long long)st->completion_sum,
			(long long)ev->completion_sum);
	if (st->peak4 == RO_UNSTATED)
		return;
	/* rounding is monotone: the peak of the rounded ratios is the
	 * rounded peak the file states */
	for (size_t j = 0; j < ev->nlinks * (size_t)c->T; j++)
		if (ev->usable[j] > 0) {
			int64_t u = ratio4(ev->load[j], ev->usable[j]);
			if (u > peak4)
				peak4 = u;
		}
	if (st->peak4 != peak4)
		viol_at(c, ln, "the schedule states a peak utilisation of %s, "
			"the plan gives %s", ratio_str(st->peak4, r1, sizeof r1),
			ratio_str(peak4, r2, sizeof r2));
}

/* One stated time against the recomputed slot; reports a difference. */
static void check_time(struct ro_verifier *c, long line, const char *name,
		       const char *attr, ro_time stated, int64_t slot)
{
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ];

	if (stated == RO_UNSTATED || stated == slot_time(c, slot))
		return;
	viol_at(c, line, "client '%s': the schedule states %s %s, the plan "
		"gives %s (slot %lld)", name, attr, ro_time_format(stated, t1),
		slot_str(c, slot, t2), (long long)slot);
}

/* The claims of placed client i (record r) against the recomputation:
 * transfer end, completion, length, bytes, CAP and every reboot. */
static void check_client_claims(struct ro_verifier *c,
				const struct ro_stated *st, size_t r, int32_t k,
				size_t i)
{
	const struct ro_site *s = c->s;
	const struct ro_client *cl = &s->clients[r];
	const struct ro_stated_client *sc = &st->client[i];
	const struct ro_assign *a = &c->p->a[i];
	const int32_t d = c->ev->dur[r];
	const int64_t xend = (int64_t)a->start + d;
	const ro_time xend_at = slot_time(c, xend);
	/* the first reboot check_record computed: the completion less the
	 * reboots */
	const int64_t rb0 = (int64_t)c->ev->end[i] - cl->reboots;
	const int32_t delay = s->policy.reboot_delay_min > 0
		? s->policy.reboot_delay_min : 0;
	char name[NAME_MAX_LEN], t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ];
	uint32_t nr = sc->nreboots < (uint32_t)cl->reboots
		? sc->nreboots : (uint32_t)cl->reboots;
	bool ok = (sc->xfer_end == RO_UNSTATED ||
		   sc->xfer_end == xend_at) &&
		  (sc->end == RO_UNSTATED ||
		   sc->end == slot_time(c, c->ev->end[i])) &&
		  (sc->slots == RO_UNSTATED || sc->slots == d) &&
		  (sc->bytes == RO_UNSTATED || sc->bytes == cl->bytes) &&
		  (sc->server < 0 || sc->server == cl->server) &&
		  sc->nreboots == (uint32_t)cl->reboots;

	/* the common case, a claim that holds, without naming the client */
	for (uint32_t j = 0; ok && j < nr; j++)
		ok = st->reboot[sc->reboot0 + j].at == slot_time(c, rb0 + j);
	if (ok)
		return;
	ro_client_name(s, r, k, name, sizeof name);
	check_time(c, sc->line, name, "transfer-end", sc->xfer_end, xend);
	check_time(c, sc->line, name, "end", sc->end, c->ev->end[i]);
	if (sc->slots != RO_UNSTATED && sc->slots != d)
		viol_at(c, sc->line, "client '%s': the schedule states slots "
			"%lld, the plan gives %d", name, (long long)sc->slots,
			(int)d);
	if (sc->bytes != RO_UNSTATED && sc->bytes != cl->bytes)
		viol_at(c, sc->line, "client '%s': the schedule states bytes "
			"%lld, the site gives %lld", name, (long long)sc->bytes,
			(long long)cl->bytes);
	if (sc->server >= 0 && sc->server != cl->server)
		viol_at(c, sc->line, "client '%s': the schedule states cap "
			"'%s', the site gives '%s'", name,
			ro_site_str(s, s->servers[sc->server].id),
			ro_site_str(s, s->servers[cl->server].id));
	if (sc->nreboots != (uint32_t)cl->reboots)
		viol_at(c, sc->line, "client '%s': the schedule states %u "
			"reboot%s, the site gives %d", name,
			(unsigned)sc->nreboots, sc->nreboots == 1 ? "" : "s",
			(int)cl->reboots);
	for (uint32_t j = 0; j < nr; j++) {
		ro_time at = st->reboot[sc->reboot0 + j].at;
		long ln = st->reboot[sc->reboot0 + j].line;
		int64_t want = rb0 + j;

		if (at < xend_at + delay) {
			/* the one claim an administrator's settings must
			 * uphold: SMS waits the delay before rebooting */
			if (at >= xend_at)
				viol_at(c, ln, "client '%s' reboot at %s "
					"is %lld minutes after its transfer "
					"ends (%s), less than the reboot delay "
					"of %d minutes", name,
					ro_time_format(at, t1),
					(long long)(at - xend_at),
					ro_time_format(xend_at, t2), (int)delay);
			else
				viol_at(c, ln, "client '%s' reboot at %s "
					"is before its transfer ends (%s)", name,
					ro_time_format(at, t1),
					ro_time_format(xend_at, t2));
		} else if (at != slot_time(c, want)) {
			viol_at(c, ln, "client '%s': the schedule states "
				"reboot %u at %s, the plan gives %s (slot %lld)",
				name, (unsigned)j + 1, ro_time_format(at, t1),
				slot_str(c, want, t2), (long long)want);
		}
	}
}

/* Every loaded slot of a link the file lists is listed: a <slot> deleted
 * by hand would hide the load the verifier otherwise compares.  A link
 * the file does not list at all is not checked (its block is optional).
 * The violation carries the line of the listed slot before the missing
 * one (or after it, at the start of the link): where it belongs. */
static void check_unlisted(struct ro_verifier *c, const struct ro_stated *st)
{
	const struct ro_site *s = c->s;
	const struct ro_eval *ev = c->ev;
	char t1[RO_TIME_BUFSZ];

	for (size_t l = 0; l < s->nlinks; l++) {
		const int32_t *line = st->slot_line + l * (size_t)c->T;
		const int64_t *load = ev->load + l * (size_t)c->T;
		long near = 0;

		for (int32_t t = 0; t < c->T && !near; t++)
			near = line[t];
		for (int32_t t = 0; near && t < c->T; t++) {
			if (line[t]) {
				near = line[t];
				continue;
			}
			if (load[t] > 0)
				viol_at(c, near, "link '%s' carries %lld bytes "
					"in slot %d (%s), which the schedule "
					"does not list; restore its <slot> or "
					"plan again",
					ro_site_str(s, s->links[l].id),
					(long long)load[t], (int)t,
					slot_str(c, t, t1));
		}
	}
}

/* Bytes, usable capacity and utilisation of every link slot the file
 * lists, against the recomputation. */
static void check_slots(struct ro_verifier *c, const struct ro_stated *st)
{
	const struct ro_site *s = c->s;
	const struct ro_eval *ev = c->ev;
	char t1[RO_TIME_BUFSZ], r1[32], r2[32];

	for (size_t l = 0; l < s->nlinks; l++) {
		const char *id = ro_site_str(s, s->links[l].id);
		for (int32_t t = 0; t < c->T; t++) {
			size_t j = l * (size_t)c->T + (size_t)t;
			long ln = st->slot_line[j];

			if (st->load[j] != RO_UNSTATED &&
			    st->load[j] != ev->load[j])
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states %lld bytes, the plan "
					"gives %lld", id, (int)t,
					slot_str(c, t, t1),
					(long long)st->load[j],
					(long long)ev->load[j]);
			if (st->usable[j] != RO_UNSTATED &&
			    st->usable[j] != ev->usable[j])
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states %lld usable bytes, the "
					"site gives %lld", id, (int)t,
					slot_str(c, t, t1),
					(long long)st->usable[j],
					(long long)ev->usable[j]);
			if (st->util4[j] < 0)
				continue;
			if (ev->usable[j] <= 0)
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states a utilisation of %s, "
					"but nothing is usable there", id,
					(int)t, slot_str(c, t, t1),
					ratio_str(st->util4[j], r1, sizeof r1));
			else if (st->util4[j] !=
				 ratio4(ev->load[j], ev->usable[j]))
				viol_at(c, ln, "link '%s' slot %d (%s): the "
					"schedule states a utilisation of %s, "
					"the plan gives %s", id, (int)t,
					slot_str(c, t, t1),
					ratio_str(st->util4[j], r1, sizeof r1),
					ratio_str(ratio4(ev->load[j],
							 ev->usable[j]),
						  r2, sizeof r2));
		}
	}
}

/* Everything a schedule file states, when the plan came from one.
 * RO_OK or RO_ENOMEM. */
int ro_vf_check_stated(struct ro_verifier *c)
{
	const struct ro_stated *st = c->p->stated;
	const struct ro_site *s = c->s;
	int64_t first = 0;

	if (!st)
		return RO_OK;
	check_summary(c, st);
	for (size_t r = 0; r < s->nclients; r++) {
		for (int32_t k = 0; k < s->clients[r].count; k++) {
			size_t i = (size_t)(first + k);
			/* end < 0: a start outside the horizon or a record
			 * the site cannot hold, reported already */
			if (c->p->a[i].start >= 0 && c->ev->end[i] >= 0 &&
			    st->client[i].line > 0)
				check_client_claims(c, st, r, k, i);
		}
		first += s->clients[r].count;
	}
	check_slots(c, st);
	check_unlisted(c, st);
	return ro_vf_check_actions(c, st);
}
