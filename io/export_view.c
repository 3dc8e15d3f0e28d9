/*
 * export_view.c - a verified schedule as the runbook and the exports see
 * it (export.h): the verifier's recomputation, each client's forecast in
 * one shape for both control modes, and the waves.
 */
#include "export_priv.h"

#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"

int ro_xview_init(struct ro_xview *v, const struct ro_site *s,
		  const struct ro_plan *p, struct ro_expand *x,
		  const char *name, struct ro_diag *d)
{
	struct ro_diag_mark m = ro_diag_mark(d);
	long bad;

	memset(v, 0, sizeof *v);
	if (!s || !p || !p->stated || !name ||
	    (p->control != RO_CONTROL_SMS20 && !x)) {
		ro_diag_add(d, NULL, 0, "cannot export: the plan was not read "
			    "from a schedule file of this site");
		return RO_EARG;
	}
	v->s = s;
	v->p = p;
	v->name = name;
	v->sms20 = p->control == RO_CONTROL_SMS20;
	bad = v->sms20 ? ro_verify_sms20(s, p, &v->sev, d)
		       : ro_verify(s, x, p, &v->ev, d);
	if (bad < 0) {
		ro_xview_release(v);
		return RO_ENOMEM;
	}
	if (bad > 0) {
		/* one message, not a copy of verify's report: what the
		 * runbook would print is not what the actions give */
		ro_diag_rewind(d, m);
		ro_diag_add(d, name, 0, "the schedule does not pass the "
			    "verifier (%ld violation%s), so its forecast is not "
			    "what its actions give; run 'rollout verify' on it "
			    "and plan again", bad, bad == 1 ? "" : "s");
		ro_xview_release(v);
		return RO_EVERIFY;
	}
	if (v->sms20) {
		v->first = v->sev->first;
		v->nslots = v->sev->nslots;
		v->load = v->sev->load;
		v->usable = v->sev->usable;
	} else {
		v->first = 0;
		v->nslots = v->ev->nslots;
		v->load = v->ev->load;
		v->usable = v->ev->usable;
	}
	return RO_OK;
}

void ro_xview_release(struct ro_xview *v)
{
	if (!v)
		return;
	ro_sms_eval_free(v->sev);
	ro_eval_free(v->ev);
	v->sev = NULL;
	v->ev = NULL;
}

static bool os_is_9x(const struct ro_site *s, const struct ro_client *c)
{
	const char *os = ro_site_str(s, c->os);

	return strcmp(os, "win95") == 0 || strcmp(os, "win98") == 0;
}

void ro_xview_client_at(const struct ro_xview *v, size_t i, size_t r,
			int32_t k, struct ro_xclient *c)
{
	const struct ro_site *s = v->s;
	const struct ro_client *cl = &s->clients[r];
	const struct ro_assign *a = &v->p->a[i];

	memset(c, 0, sizeof *c);
	c->r = r;
	c->k = k;
	c->nreboots = cl->reboots;
	c->is_9x = os_is_9x(s, cl);
	c->start = c->end = c->reboot = RO_NO_SLOT;
	c->cause = c->reason = "";
	if (v->sms20) {
		const struct ro_fc_client *f = &v->sev->fc[i];
		c->done = f->start != RO_NO_SLOT && f->end != RO_NO_SLOT;
		c->ras = f->ras;
		if (c->done) {
			c->start = f->start;
			c->end = f->end;
			c->reboot = f->reboot;
			c->cause = ro_cause_name(f->cause);
		}
	} else {
		c->done = a->start >= 0;
		c->ras = cl->conn == RO_CONN_RAS;
		if (c->done) {
			c->start = a->start;
			c->end = v->ev->end[i];
			/* the reboots are the last slots before completion
			 * (docs/semantics.md) */
			if (cl->reboots > 0)
				c->reboot = c->end - cl->reboots;
			c->cause = ro_trigger_name(a->trigger);
		}
	}
	if (!c->done)
		c->reason = ro_reason_name((enum ro_reason)a->reason);
}

/* Waves are sorted by time, then kind, then group; ties keep the order
 * in which they were found. */
static int wave_cmp(const void *pa, const void *pb)
{
	const struct ro_wave *a = pa, *b = pb;
	int c;

	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	c = strcmp(a->kind, b->kind);
	if (c)
		return c;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	return a->m0 < b->m0 ? -1 : a->m0 > b->m0;
}

struct wb {
	struct ro_waves *out;
	size_t capw, capm;
	bool oom;
};

/* The members of each wave are appended as the wave is made, so every
 * wave's members are contiguous and m0 is the count before it. */
static size_t members_so_far(const struct ro_waves *o)
{
	return o->n ? o->w[o->n - 1].m0 + o->w[o->n - 1].nm : 0;
}

static struct ro_wave *add_wave(struct wb *b, ro_time at, const char *kind,
				int32_t group)
{
	struct ro_waves *o = b->out;

	if (o->n == b->capw) {
		size_t cap = b->capw ? 2 * b->capw : 16;
		struct ro_wave *w = ro_reallocarray(o->w, cap, sizeof *w);
		if (!w) {
			b->oom = true;
			return NULL;
		}
		o->w = w;
		b->capw = cap;
	}
	o->w[o->n] = (struct ro_wave){ at, at, kind, group,
				       members_so_far(o), 0 };
	return &o->w[o->n++];
}

static void add_member(struct wb *b, const struct ro_xview *v,
		       struct ro_wave *w, size_t i, const struct ro_xclient *c)
{
	struct ro_waves *o = b->out;
	size_t used = w->m0 + w->nm;

	if (used == b->capm) {
		size_t cap = b->capm ? 2 * b->capm : 64;
		size_t *m = ro_reallocarray(o->member, cap, sizeof *m);
		if (!m) {
			b->oom = true;
			return;
		}
		o->member = m;
		b->capm = cap;
	}
	o->member[used] = i;
	w->nm++;
	if (c->done && ro_slot_time(v->s, c->end) > w->until)
		w->until = ro_slot_time(v->s, c->end);
}

static void sms_waves(struct wb *b, const struct ro_xview *v)
{
	const struct ro_site *s = v->s;
	const struct ro_stated *st = v->p->stated;
	struct ro_xclient c;

	for (size_t j = 0; j < st->naction && !b->oom; j++) {
		const struct ro_stated_action *a = &st->action[j];
		struct ro_wave *w;

		if (a->kind == RO_ACT_TRIGGER) {
			if (!(w = add_wave(b, a->at, "trigger", -1)))
				return;
			for (size_t q = 0; q < a->nclients && !b->oom; q++) {
				size_t i = (size_t)st->client_of[a->client0 + q];
				size_t r = ro_plan_record_of(v->p, i);
				ro_xview_client_at(v, i, r,
						   (int32_t)(i - (size_t)v->p->first[r]),
						   &c);
				add_member(b, v, w, i, &c);
			}
		} else if (a->kind == RO_ACT_LOGON_ON && !a->scope_all &&
			   a->group >= 0) {
			size_t i = 0;
			if (!(w = add_wave(b, a->at, "cohort", a->group)))
				return;
			for (size_t r = 0; r < s->nclients; r++) {
				uint32_t g = s->clients[r].group;
				bool in = g ? g - 1 == (uint32_t)a->group
					    : (size_t)a->group == s->ngroups;
				for (int32_t k = 0; k < s->clients[r].count;
				     k++, i++) {
					if (!in || b->oom)
						continue;
					ro_xview_client_at(v, i, r, k, &c);
					if (c.done && strcmp(c.cause, "cohort") == 0)
						add_member(b, v, w, i, &c);
				}
			}
		}
	}
}

/* Per-client plans: one wave per start slot, in slot order. */
static int start_cmp(const void *pa, const void *pb)
{
	const size_t *a = pa, *b = pb;

	return a[0] != b[0] ? (a[0] < b[0] ? -1 : 1)
			    : (a[1] < b[1] ? -1 : a[1] > b[1]);
}

static void start_waves(struct wb *b, const struct ro_xview *v)
{
	const struct ro_plan *p = v->p;
	size_t n = 0, (*key)[2] = ro_mallocarray(p->n, sizeof *key);
	struct ro_wave *w = NULL;
	struct ro_xclient c;

	if (!key) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < p->n; i++)
		if (p->a[i].start >= 0) {
			key[n][0] = (size_t)p->a[i].start;
			key[n++][1] = i;
		}
	qsort(key, n, sizeof *key, start_cmp);
	for (size_t j = 0; j < n && !b->oom; j++) {
		size_t i = key[j][1], r = ro_plan_record_of(p, i);
		ro_time at = ro_slot_time(v->s, (int32_t)key[j][0]);
		if ((!w || w->at != at) && !(w = add_wave(b, at, "start", -1)))
			break;
		ro_xview_client_at(v, i, r, (int32_t)(i - (size_t)p->first[r]),
				   &c);
		add_member(b, v, w, i, &c);
	}
	ro_free(key);
}

int ro_waves_build(const struct ro_xview *v, struct ro_waves *out)
{
	struct wb b = { out, 0, 0, false };

	memset(out, 0, sizeof *out);
	if (v->sms20)
		sms_waves(&b, v);
	else
		start_waves(&b, v);
	if (b.oom) {
		ro_waves_release(out);
		return RO_ENOMEM;
	}
	if (out->n > 1)
		qsort(out->w, out->n, sizeof *out->w, wave_cmp);
	return RO_OK;
}

void ro_waves_release(struct ro_waves *w)
{
	if (!w)
		return;
	ro_free(w->w);
	ro_free(w->member);
	memset(w, 0, sizeof *w);
}

static const char *const format_names[] = {
	[RO_EXPORT_CSV] = "csv",
	[RO_EXPORT_ICS] = "ics",
	[RO_EXPORT_JSON] = "json",
	[RO_EXPORT_COLLECTIONS] = "collections",
	[RO_EXPORT_ANSIBLE] = "ansible",
};

int ro_export_format_parse(const char *name)
{
	for (size_t f = 0; name && f < sizeof format_names / sizeof *format_names; f++)
		if (strcmp(name, format_names[f]) == 0)
			return (int)f;
	return -1;
}

const char *ro_export_format_name(enum ro_export_format f)
{
	return (size_t)f < sizeof format_names / sizeof *format_names
		       ? format_names[f] : "?";
}

int ro_export_write(const struct ro_xview *v, enum ro_export_format f,
		    const char *path, struct ro_diag *d)
{
	if (!v || !v->s || !v->p || !v->p->stated || !path) {
		ro_diag_add(d, NULL, 0, "cannot export: no verified schedule");
		return RO_EARG;
	}
	switch (f) {
	case RO_EXPORT_CSV:
		return ro_export_csv(v, path, d);
	case RO_EXPORT_ICS:
		return ro_export_ics(v, path, d);
	case RO_EXPORT_JSON:
		return ro_export_json(v, path, d);
	case RO_EXPORT_COLLECTIONS:
		return ro_export_collections(v, path, d);
	case RO_EXPORT_ANSIBLE:
		return ro_export_ansible(v, path, d);
	}
	ro_diag_add(d, NULL, 0, "cannot export: unknown format %d", (int)f);
	return RO_EARG;
}

const char *ro_xaction_name(const struct ro_stated_action *a)
{
	switch (a->kind) {
	case RO_ACT_EXPIRE: return "expire-advertisements";
	case RO_ACT_LOGON_OFF: return "disable-logon-scripts";
	case RO_ACT_LOGON_ON: return "enable-logon-scripts";
	case RO_ACT_PUSH: return "push";
	case RO_ACT_REENABLE: return "reenable-advertisements";
	case RO_ACT_APPLY: return "apply-service-pack";
	case RO_ACT_INSTRUCT: return "instruct-users";
	case RO_ACT_TRIGGER: return "trigger";
	case RO_ACT_RESTART: return "restart-reminder";
	}
	return "?";
}

const char *ro_xaction_scope(const struct ro_xview *v,
			     const struct ro_stated_action *a)
{
	if (a->kind != RO_ACT_LOGON_ON)
		return NULL;
	if (a->scope_all)
		return "all";
	if (a->group < 0)
		return "listed";
	return (size_t)a->group < v->s->ngroups ? "group" : "ungrouped";
}
