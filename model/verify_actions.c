/*
 * verify_actions.c - the actions of a schedule file against the plan and
 * the site's policy (docs/schedule-format.md, "What the actions mean",
 * rules 1 to 4; verify_priv.h).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "verify_priv.h"

static const char *const act_elem[] = {
	"expire-advertisements", "disable-logon-scripts", "enable-logon-scripts",
	"push", "reenable-advertisements",
};

static const char *client_name(const struct ro_verifier *c, size_t i, char *buf)
{
	return ro_plan_client_name(c->p, c->s, i, buf, NAME_MAX_LEN);
}

/* Per client: how the actions list it. */
struct listed {
	int32_t n;          /* lists of the matching kind that name it */
	ro_time at;         /* the first of them */
	long line;
};

/* The placed client with the earliest start (trigger trig, or any when
 * trig is 0), -1 when none; the lowest index among equal starts. */
static int64_t earliest(const struct ro_verifier *c, unsigned trig)
{
	int64_t best = -1;

	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *a = &c->p->a[i];
		if (a->start < 0 || c->ev->end[i] < 0 ||
		    (trig && a->trigger != trig))
			continue;
		if (best < 0 || a->start < c->p->a[best].start)
			best = (int64_t)i;
	}
	return best;
}

/* What the plan does with client i, for a message: "leaves it unplaced"
 * or "starts it by push at 2026-...". */
static const char *plan_of(const struct ro_verifier *c, size_t i, char *buf,
			   size_t n)
{
	const struct ro_assign *a = &c->p->a[i];
	char t1[RO_TIME_BUFSZ];

	if (a->start < 0 || c->ev->end[i] < 0)
		snprintf(buf, n, "leaves it unplaced");
	else
		snprintf(buf, n, "starts it by %s at %s",
			 ro_trigger_name(a->trigger), slot_str(c, a->start, t1));
	return buf;
}

/* Time order, and the advertisements: docs/schedule-format.md, "What the
 * actions mean", rules 1 and 2. */
static void check_adverts(struct ro_verifier *c, const struct ro_stated *st,
			  int64_t fst)
{
	const struct ro_site *s = c->s;
	const struct ro_stated_action *ex = NULL, *re = NULL;
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	bool want = s->policy.expire_adverts && fst >= 0;

	for (size_t j = 1; j < st->naction; j++)
		if (st->action[j].at < st->action[j - 1].at)
			viol_at(c, st->action[j].line, "<%s> at %s comes after "
				"<%s> at %s; actions are in time order",
				act_elem[st->action[j].kind],
				ro_time_format(st->action[j].at, t1),
				act_elem[st->action[j - 1].kind],
				ro_time_format(st->action[j - 1].at, t2));

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];
		const struct ro_stated_action **seen;
		if (a->kind == RO_ACT_EXPIRE)
			seen = &ex;
		else if (a->kind == RO_ACT_REENABLE)
			seen = &re;
		else
			continue;
		if (!want)
			viol_at(c, a->line, "<%s> at %s, but %s", act_elem[a->kind],
				ro_time_format(a->at, t1),
				s->policy.expire_adverts ? "no client is placed"
				: "the policy keeps advertisements");
		else if (*seen)
			viol_at(c, a->line, "a second <%s> at %s (the first is "
				"at line %ld)", act_elem[a->kind],
				ro_time_format(a->at, t1), (*seen)->line);
		else
			*seen = a;
	}
	if (!want)
		return;
	client_name(c, (size_t)fst, name);
	if (!ex)
		viol(c, "the policy expires advertisements, but no "
		     "<expire-advertisements> precedes the first start at %s "
		     "(client '%s')", slot_str(c, c->p->a[fst].start, t1), name);
	else if (ex->at > slot_time(c, c->p->a[fst].start))
		viol_at(c, ex->line, "<expire-advertisements> at %s is after "
			"the first start at %s (client '%s')",
			ro_time_format(ex->at, t1),
			slot_str(c, c->p->a[fst].start, t2), name);
	if (!re)
		viol(c, "the policy expires advertisements, but no "
		     "<reenable-advertisements> follows the last completion at "
		     "%s", slot_str(c, c->ev->makespan, t1));
	else if (re->at < slot_time(c, c->ev->makespan))
		viol_at(c, re->line, "<reenable-advertisements> at %s is before "
			"the last completion at %s", ro_time_format(re->at, t1),
			slot_str(c, c->ev->makespan, t2));
}

/* Rule 3: logon scripts, by policy.  lst receives, per client, the listed
 * enables that name a client the plan starts by logon. */
static void check_logon(struct ro_verifier *c, const struct ro_stated *st,
			int64_t fst, struct listed *lst)
{
	const struct ro_site *s = c->s;
	const enum ro_logon_policy pol = s->policy.logon;
	const struct ro_stated_action *off = NULL, *all = NULL;
	const int64_t fl = earliest(c, RO_TRIG_LOGON);
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	char what[NAME_MAX_LEN + 64];

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];

		if (a->kind == RO_ACT_LOGON_OFF) {
			if (off)
				viol_at(c, a->line, "a second "
					"<disable-logon-scripts> at %s (the "
					"first is at line %ld)",
					ro_time_format(a->at, t1), off->line);
			else
				off = a;
			continue;
		}
		if (a->kind != RO_ACT_LOGON_ON)
			continue;
		if (!off)
			viol_at(c, a->line, "<enable-logon-scripts> at %s comes "
				"before the <disable-logon-scripts> that switches "
				"the scripts off for everyone",
				ro_time_format(a->at, t1));
		if (pol == RO_LOGON_DISABLED) {
			viol_at(c, a->line, "<enable-logon-scripts> at %s, but "
				"the policy disables logon scripts",
				ro_time_format(a->at, t1));
		} else if (pol == RO_LOGON_ENABLED && !a->scope_all) {
			viol_at(c, a->line, "<enable-logon-scripts> at %s lists "
				"clients, but the policy enables logon scripts "
				"for all (scope=\"all\")",
				ro_time_format(a->at, t1));
		} else if (pol == RO_LOGON_ENABLED) {
			if (all)
				viol_at(c, a->line, "a second "
					"<enable-logon-scripts scope=\"all\"> at "
					"%s (the first is at line %ld)",
					ro_time_format(a->at, t1), all->line);
			else
				all = a;
		} else if (a->scope_all) {
			viol_at(c, a->line, "<enable-logon-scripts scope=\"all\"> "
				"at %s would start every logon client at once; "
				"the policy is phased: list the clients of each "
				"day", ro_time_format(a->at, t1));
		} else {
			for (size_t k = 0; k < a->nclients; k++) {
				size_t i = (size_t)st->client_of[a->client0 + k];
				const struct ro_assign *pa = &c->p->a[i];
				if (pa->start < 0 || c->ev->end[i] < 0 ||
				    pa->trigger != RO_TRIG_LOGON) {
					viol_at(c, a->line, "client '%s' is "
						"listed in <enable-logon-scripts> "
						"at %s, but the plan %s",
						client_name(c, i, name),
						ro_time_format(a->at, t1),
						plan_of(c, i, what, sizeof what));
					continue;
				}
				if (lst[i].n++ == 0) {
					lst[i].at = a->at;
					lst[i].line = a->line;
				}
			}
		}
	}
	if (!off && fst < 0)
		viol(c, "no <disable-logon-scripts> switches the logon scripts "
		     "off for everyone");
	else if (!off)
		viol(c, "no <disable-logon-scripts> switches the logon scripts "
		     "off for everyone before the first start at %s (client "
		     "'%s')", slot_str(c, c->p->a[fst].start, t1),
		     client_name(c, (size_t)fst, name));
	else if (fst >= 0 && off->at > slot_time(c, c->p->a[fst].start))
		viol_at(c, off->line, "<disable-logon-scripts> at %s is after "
			"the first start at %s (client '%s')",
			ro_time_format(off->at, t1),
			slot_str(c, c->p->a[fst].start, t2),
			client_name(c, (size_t)fst, name));
	if (pol == RO_LOGON_ENABLED) {
		if (fl >= 0 && !all)
			viol_at(c, st->client[fl].line, "client '%s' starts by "
				"logon at %s, but no <enable-logon-scripts "
				"scope=\"all\"> switches the scripts on",
				client_name(c, (size_t)fl, name),
				slot_str(c, c->p->a[fl].start, t1));
		else if (fl >= 0 &&
			 all->at > slot_time(c, c->p->a[fl].start))
			viol_at(c, all->line, "<enable-logon-scripts "
				"scope=\"all\"> at %s is after the first start "
				"by logon at %s (client '%s')",
				ro_time_format(all->at, t1),
				slot_str(c, c->p->a[fl].start, t2),
				client_name(c, (size_t)fl, name));
		else if (fl < 0 && all)
			viol_at(c, all->line, "<enable-logon-scripts "
				"scope=\"all\"> at %s, but no client starts by "
				"logon", ro_time_format(all->at, t1));
	}
	if (pol != RO_LOGON_PHASED)
		return;
	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *pa = &c->p->a[i];
		ro_time at;

		if (pa->start < 0 || c->ev->end[i] < 0 ||
		    pa->trigger != RO_TRIG_LOGON)
			continue;
		at = slot_time(c, pa->start);
		client_name(c, i, name);
		if (lst[i].n == 0)
			viol_at(c, st->client[i].line, "client '%s' starts by "
				"logon at %s, but no <enable-logon-scripts> "
				"lists it", name, ro_time_format(at, t1));
		else if (lst[i].n > 1)
			viol_at(c, st->client[i].line, "client '%s' is listed %d "
				"times in <enable-logon-scripts>; list it once, "
				"on the day of its start", name, (int)lst[i].n);
		else if (ro_time_day_start(lst[i].at) != ro_time_day_start(at))
			viol_at(c, lst[i].line, "client '%s' starts by logon at "
				"%s, but <enable-logon-scripts> at %s lists it on "
				"another day", name, ro_time_format(at, t1),
				ro_time_format(lst[i].at, t2));
		else if (lst[i].at > at)
			viol_at(c, lst[i].line, "client '%s' starts by logon at "
				"%s, but <enable-logon-scripts> at %s lists it "
				"only after its start", name,
				ro_time_format(at, t1),
				ro_time_format(lst[i].at, t2));
	}
}

/* Rule 4: pushes. */
static void check_pushes(struct ro_verifier *c, const struct ro_stated *st,
			 struct listed *lst)
{
	char t1[RO_TIME_BUFSZ], t2[RO_TIME_BUFSZ], name[NAME_MAX_LEN];
	char what[NAME_MAX_LEN + 64];

	for (size_t j = 0; j < st->naction; j++) {
		const struct ro_stated_action *a = &st->action[j];

		if (a->kind != RO_ACT_PUSH)
			continue;
		for (size_t k = 0; k < a->nclients; k++) {
			size_t i = (size_t)st->client_of[a->client0 + k];
			const struct ro_assign *pa = &c->p->a[i];

			if (pa->start < 0 || c->ev->end[i] < 0 ||
			    pa->trigger != RO_TRIG_PUSH) {
				viol_at(c, a->line, "client '%s' is pushed at "
					"%s, but the plan %s",
					client_name(c, i, name),
					ro_time_format(a->at, t1),
					plan_of(c, i, what, sizeof what));
				continue;
			}
			if (a->at != slot_time(c, pa->start))
				viol_at(c, a->line, "client '%s' is pushed at "
					"%s, but the plan starts it at %s",
					client_name(c, i, name),
					ro_time_format(a->at, t1),
					slot_str(c, pa->start, t2));
			lst[i].n++;
		}
	}
	for (size_t i = 0; i < c->p->n; i++) {
		const struct ro_assign *pa = &c->p->a[i];

		if (pa->start < 0 || c->ev->end[i] < 0 ||
		    pa->trigger != RO_TRIG_PUSH)
			continue;
		if (lst[i].n == 0)
			viol_at(c, st->client[i].line, "client '%s' starts by "
				"push at %s, but no <push> lists it",
				client_name(c, i, name),
				slot_str(c, pa->start, t1));
		else if (lst[i].n > 1)
			viol_at(c, st->client[i].line, "client '%s' is pushed %d "
				"times; push it once, at its start",
				client_name(c, i, name), (int)lst[i].n);
	}
}

/* The actions of the file against the plan and the site's policy
 * (docs/schedule-format.md, "What the actions mean").  RO_OK or
 * RO_ENOMEM. */
int ro_vf_check_actions(struct ro_verifier *c, const struct ro_stated *st)
{
	const int64_t fst = earliest(c, 0);
	struct listed *lst = ro_calloc(c->p->n, sizeof *lst);

	if (!lst)
		return RO_ENOMEM;
	check_adverts(c, st, fst);
	check_logon(c, st, fst, lst);
	memset(lst, 0, (c->p->n ? c->p->n : 1) * sizeof *lst);
	check_pushes(c, st, lst);
	ro_free(lst);
	return RO_OK;
}
