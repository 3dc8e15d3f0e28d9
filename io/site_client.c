/*
 * site_client.c - client records of the site reader, from <client> and
 * <group> elements and from the rows of CSV inventories alike: one place
 * says what a client needs, its defaults and its messages.
 */
#include <string.h>

#include "../model/alloc.h"
#include "site_priv.h"

const int ro_sr_client_required[RO_SR_NREQUIRED] = {
	A_ID, A_OS, A_SEGMENT, A_CAP, A_CALENDAR, A_TRIGGERS
};

void ro_sr_add_client(struct ro_site_reader *r, const char *file,
		      uint32_t file_off, long line, const struct ro_attrs *a,
		      bool group)
{
	struct ro_site *s = r->s;
	const char *kind = group ? "group" : "client";
	struct ro_where w = { file, line, kind, a->v[A_ID] };
	struct ro_client *c;
	struct ro_pend_client *pc;
	int64_t v;
	bool ok = true;

	for (size_t i = 0; i < RO_SR_NREQUIRED; i++) {
		int k = ro_sr_client_required[i];
		if (!a->v[k]) {
			if (a->v[A_ID])
				ERR(r, file, line, "%s '%s' has no %s; give it one", kind,
				    a->v[A_ID], ro_attr_names[k]);
			else
				ERR(r, file, line, "%s has no %s; give it one", kind,
				    ro_attr_names[k]);
			ok = false;
		}
	}
	if (!ok)
		return;
	if (!ro_sv_is_id(a->v[A_ID])) {
		ERR(r, file, line,
		    "%s id \"%s\" is not a valid id; use letters, digits and . - _ :",
		    kind, a->v[A_ID]);
		return;
	}
	if (s->nclients >= INT32_MAX / 2) {
		r->limit = true;
		return;
	}
	/* the side array grows with the records: same implicit capacity */
	if (!ro_grow((void **)&r->pclients, s->nclients, sizeof *r->pclients))
		goto out_oom;
	c = PUSH(r, s->clients, s->nclients);
	if (!c)
		goto out_oom;
	pc = &r->pclients[s->nclients - 1];
	memset(pc, 0, sizeof *pc);
	c->id = ro_sr_intern(r, a->v[A_ID]);
	c->user = ro_sr_intern(r, a->v[A_USER]);
	c->os = ro_sr_intern(r, a->v[A_OS]);
	c->file = file_off;
	c->line = line;
	c->count = 1;
	c->segment = c->server = c->calendar = c->office = -1;
	c->priority = 1;
	pc->segment = ro_sr_intern(r, a->v[A_SEGMENT]);
	pc->cap = ro_sr_intern(r, a->v[A_CAP]);
	pc->calendar = ro_sr_intern(r, a->v[A_CALENDAR]);
	pc->office = ro_sr_intern(r, a->v[A_OFFICE]);
	pc->components = ro_sr_intern(r, a->v[A_COMPONENTS]);
	pc->group = ro_sr_intern(r, a->v[A_USER_GROUP]);
	if (a->v[A_INSTALLED]) {
		if (strcmp(a->v[A_INSTALLED], "no") == 0)
			c->not_installed = true;
		else if (strcmp(a->v[A_INSTALLED], "yes") != 0)
			ro_sr_bad(r, &w, "%s=\"%s\" is neither yes nor no",
				  "installed", a->v[A_INSTALLED],
				  "write yes (it has the SMS client) or no");
	}

	if (group && !a->v[A_COUNT]) {
		ERR(r, file, line, "group '%s' has no count; give it one", a->v[A_ID]);
	} else if (ro_sr_get_int(r, &w, a, A_COUNT, 1, RO_MAX_CLIENTS, 1, &v)) {
		c->count = (int32_t)v;
	}
	if (s->nclients_total + c->count > RO_MAX_CLIENTS && !r->limit) {
		ERR(r, file, line,
		    "more than %d clients in all; split the site", RO_MAX_CLIENTS);
		r->limit = true;
	}
	s->nclients_total += c->count;

	if (!a->v[A_CONNECTION] || strcmp(a->v[A_CONNECTION], "lan") == 0) {
		c->conn = RO_CONN_LAN;
	} else if (strcmp(a->v[A_CONNECTION], "ras") == 0) {
		c->conn = RO_CONN_RAS;
		if (!a->v[A_OFFICE])
			ERR(r, file, line,
			    "%s '%s' connects by ras but has no office calendar; add "
			    "office=\"CALENDAR\" (when it is in the office)", kind,
			    a->v[A_ID]);
	} else {
		ro_sr_bad(r, &w, "%s=\"%s\" is neither lan nor ras", "connection",
		    a->v[A_CONNECTION], "write lan or ras");
	}
	if (!ro_sv_triggers(a->v[A_TRIGGERS], &c->triggers))
		ro_sr_bad(r, &w, "%s=\"%s\" is not a list of triggers", "triggers",
		    a->v[A_TRIGGERS], "write one or more of ccim, logon, push");

	{
		const char *os = a->v[A_OS];
		bool known = strcmp(os, "winnt") == 0 || strcmp(os, "win95") == 0 ||
			     strcmp(os, "win98") == 0;
		int64_t dflt = strcmp(os, "winnt") == 0 ? 0 : 1;
		if (!known && !a->v[A_REBOOTS])
			ERR(r, file, line,
			    "%s '%s': os \"%s\" needs reboots=; give the number of "
			    "reboots its upgrade takes", kind, a->v[A_ID], os);
		if (ro_sr_get_int(r, &w, a, A_REBOOTS, 0, RO_MAX_REBOOTS, dflt, &v))
			c->reboots = (uint8_t)v;
	}
	if (a->v[A_PHASE] && ro_sr_get_time(r, &w, a, A_PHASE, &c->phase))
		c->has_phase = true;
	if (ro_sr_get_int(r, &w, a, A_PRIORITY, 1, RO_MAX_PRIORITY, 1, &v))
		c->priority = (int32_t)v;
	ro_sr_get_dec(r, &w, a, A_RATE, 1000, RO_MAX_CAPACITY_BPS, false,
		"a rate above 1 Tbit/s is not plausible: the unit is kbit/s",
		&c->rate_bps);
	return;

out_oom:
	r->oom = true;
}
