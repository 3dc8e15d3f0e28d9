/*
 * export_json.c - the whole schedule as JSON (docs/export.md, the schema
 * io/schema/schedule.schema.json), written with json-c.
 *
 * json-c keeps an object's keys in insertion order, so the output is as
 * deterministic as the schedule.  A failed allocation inside json-c
 * returns NULL, which every constructor here checks (oom).
 */
#include "export_priv.h"

#include <json.h>
#include <string.h>

#include "../model/error.h"
#include "../model/forecast.h"
#include "textbuf.h"
#include "version.h"

#define NAME_LEN 512

struct js {
	const struct ro_xview *v;
	bool oom;
};

static json_object *chk(struct js *j, json_object *o)
{
	if (!o)
		j->oom = true;
	return o;
}

static void add(struct js *j, json_object *obj, const char *key,
		json_object *val)
{
	if (!obj || !val) {
		j->oom = true;
		json_object_put(val);
		return;
	}
	if (json_object_object_add(obj, key, val) != 0)
		j->oom = true;
}

static void push(struct js *j, json_object *arr, json_object *val)
{
	if (!arr || !val || json_object_array_add(arr, val) != 0) {
		j->oom = true;
		json_object_put(val);
	}
}

static json_object *str(struct js *j, const char *s)
{
	return chk(j, json_object_new_string(s));
}

static json_object *num(struct js *j, int64_t v)
{
	return chk(j, json_object_new_int64(v));
}

static json_object *at(struct js *j, ro_time t)
{
	char buf[RO_TIME_BUFSZ];

	return str(j, ro_time_format(t, buf));
}

static json_object *header(struct js *j)
{
	const struct ro_xview *v = j->v;
	const struct ro_site *s = v->s;
	json_object *h = chk(j, json_object_new_object());
	json_object *site = chk(j, json_object_new_object());
	json_object *hz = chk(j, json_object_new_object());

	add(j, site, "name", str(j, ro_site_str(s, s->name)));
	if (s->scenario)
		add(j, site, "scenario", str(j, ro_site_str(s, s->scenario)));
	add(j, h, "site", site);
	add(j, hz, "start", at(j, s->horizon.start));
	add(j, hz, "end", at(j, s->horizon.end));
	add(j, hz, "slot_minutes", num(j, s->horizon.slot_min));
	add(j, hz, "slots", num(j, s->horizon.nslots));
	add(j, h, "horizon", hz);
	add(j, h, "control", str(j, v->sms20 ? "sms20" : "per-client"));
	add(j, h, "status", str(j, ro_status_name(v->p->status)));
	return h;
}

static json_object *clients(struct js *j, int64_t *done)
{
	const struct ro_xview *v = j->v;
	const struct ro_site *s = v->s;
	json_object *arr = chk(j, json_object_new_array());
	char name[NAME_LEN];
	struct ro_xclient c;
	size_t i = 0;

	for (size_t r = 0; r < s->nclients && !j->oom; r++) {
		const struct ro_client *cl = &s->clients[r];
		for (int32_t k = 0; k < cl->count && !j->oom; k++, i++) {
			json_object *o = chk(j, json_object_new_object());
			ro_xview_client_at(v, i, r, k, &c);
			add(j, o, "id", str(j, ro_client_name(s, r, k, name,
							      sizeof name)));
			if (cl->user)
				add(j, o, "user", str(j, ro_site_str(s, cl->user)));
			add(j, o, "os", str(j, ro_site_str(s, cl->os)));
			add(j, o, "segment",
			    str(j, ro_site_str(s, s->links[cl->segment].id)));
			add(j, o, "cap",
			    str(j, ro_site_str(s, s->servers[cl->server].id)));
			add(j, o, "status", str(j, c.done ? "upgraded"
							  : "not-upgraded"));
			if (c.done) {
				(*done)++;
				add(j, o, "start", at(j, ro_slot_time(s, c.start)));
				add(j, o, "end", at(j, ro_slot_time(s, c.end)));
				add(j, o, "cause", str(j, c.cause));
				add(j, o, "path", str(j, c.ras ? "ras" : "lan"));
				if (c.reboot != RO_NO_SLOT)
					add(j, o, "restart",
					    at(j, ro_slot_time(s, c.reboot)));
			} else {
				add(j, o, "reason", str(j, c.reason));
			}
			add(j, o, "reboots", num(j, c.nreboots));
			push(j, arr, o);
		}
	}
	return arr;
}

static json_object *actions(struct js *j)
{
	const struct ro_xview *v = j->v;
	const struct ro_site *s = v->s;
	const struct ro_stated *st = v->p->stated;
	json_object *arr = chk(j, json_object_new_array());
	char name[NAME_LEN];

	for (size_t q = 0; q < st->naction && !j->oom; q++) {
		const struct ro_stated_action *a = &st->action[q];
		const char *scope = ro_xaction_scope(v, a);
		json_object *o = chk(j, json_object_new_object());
		add(j, o, "kind", str(j, ro_xaction_name(a)));
		add(j, o, "at", at(j, a->at));
		if (scope)
			add(j, o, "scope", str(j, scope));
		if (a->group >= 0 && (size_t)a->group < s->ngroups)
			add(j, o, "group",
			    str(j, ro_site_str(s, s->groups[a->group].id)));
		if (a->kind == RO_ACT_APPLY)
			add(j, o, "ready", at(j, a->ready));
		if (a->kind == RO_ACT_INSTRUCT) {
			add(j, o, "from", at(j, a->from));
			add(j, o, "to", at(j, a->to));
		}
		if (a->nclients > 0 || a->kind == RO_ACT_TRIGGER ||
		    a->kind == RO_ACT_PUSH || a->kind == RO_ACT_RESTART ||
		    (scope && strcmp(scope, "listed") == 0)) {
			json_object *ids = chk(j, json_object_new_array());
			for (size_t m = 0; m < a->nclients && !j->oom; m++)
				push(j, ids, str(j, ro_plan_client_name(v->p, s,
					(size_t)st->client_of[a->client0 + m],
					name, sizeof name)));
			add(j, o, "clients", ids);
		}
		push(j, arr, o);
	}
	return arr;
}

/* Per link, the slots that carry load (most carry none). */
static json_object *links(struct js *j)
{
	const struct ro_xview *v = j->v;
	const struct ro_site *s = v->s;
	json_object *arr = chk(j, json_object_new_array());

	for (size_t l = 0; l < s->nlinks && !j->oom; l++) {
		json_object *o = chk(j, json_object_new_object());
		json_object *slots = chk(j, json_object_new_array());
		add(j, o, "id", str(j, ro_site_str(s, s->links[l].id)));
		for (int32_t e = 0; e < v->nslots && !j->oom; e++) {
			size_t c = l * (size_t)v->nslots + (size_t)e;
			int32_t t = e + v->first;
			json_object *so;
			if (v->load[c] == 0)
				continue;
			so = chk(j, json_object_new_object());
			add(j, so, "t", num(j, t));
			add(j, so, "at", at(j, ro_slot_time(s, t)));
			add(j, so, "bytes", num(j, v->load[c]));
			add(j, so, "usable", num(j, v->usable[c]));
			push(j, slots, so);
		}
		add(j, o, "slots", slots);
		push(j, arr, o);
	}
	return arr;
}

int ro_export_json(const struct ro_xview *v, const char *path,
		   struct ro_diag *d)
{
	struct js j = { v, false };
	json_object *root = chk(&j, json_object_new_object());
	json_object *sum = chk(&j, json_object_new_object());
	int64_t done = 0;
	struct ro_tb b = { NULL, 0, 0, false };
	const char *text;

	add(&j, root, "format", str(&j, "rollout-schedule"));
	add(&j, root, "version", num(&j, 1));
	add(&j, root, "generator", str(&j, "rollout " RO_VERSION));
	add(&j, root, "header", header(&j));
	add(&j, root, "clients", clients(&j, &done));
	add(&j, sum, "clients", num(&j, (int64_t)v->p->n));
	add(&j, sum, "upgraded", num(&j, done));
	add(&j, sum, "not_upgraded", num(&j, (int64_t)v->p->n - done));
	add(&j, root, "summary", sum);
	add(&j, root, "actions", actions(&j));
	add(&j, root, "links", links(&j));
	text = j.oom ? NULL
		     : json_object_to_json_string_ext(root,
			       JSON_C_TO_STRING_PRETTY |
			       JSON_C_TO_STRING_SPACED |
			       JSON_C_TO_STRING_NOSLASHESCAPE);
	if (!text) {
		json_object_put(root);
		ro_diag_add(d, NULL, 0, "cannot write '%s': out of memory "
			    "while building the JSON export", path);
		return RO_ENOMEM;
	}
	/* the text belongs to root; a final newline for the terminal */
	ro_tb_puts(&b, text);
	ro_tb_puts(&b, "\n");
	json_object_put(root);
	return ro_export_finish(&b, "JSON export", path, d);
}
