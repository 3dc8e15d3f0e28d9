/*
 * site_check.c - after reading: id maps, references, the semantic checks of
 * docs/site-format.md ("Checks beyond the schema"), and the scenario
 * overlay.
 *
 * Everything here is linear in the number of client records (hash maps for
 * ids, one walk up the link tree per record), so that 100,000 clients cost
 * milliseconds.  Every problem is reported; nothing stops at the first.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/strmap.h"
#include "site_priv.h"


static const char *str(const struct ro_site_reader *r, uint32_t off)
{
	return ro_site_str(r->s, off);
}

/* "line 12" or "other.csv:12" when the first definition is in another
 * file. */
static const char *where(const struct ro_site_reader *r, uint32_t file,
			 long line, uint32_t here, char *buf, size_t n)
{
	if (file == here)
		snprintf(buf, n, "line %ld", line);
	else
		snprintf(buf, n, "%s:%ld", str(r, file), line);
	return buf;
}

/* Builds an id map over n records of an array, reporting duplicates. */
static struct ro_strmap *id_map(struct ro_site_reader *r, const char *kind,
				const void *arr, size_t n, size_t sz,
				size_t id_off, size_t line_off)
{
	struct ro_strmap *m = ro_strmap_new(n);

	if (!m) {
		r->oom = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *rec = (const char *)arr + i * sz;
		uint32_t id;
		long line;
		int32_t old;
		memcpy(&id, rec + id_off, sizeof id);
		memcpy(&line, rec + line_off, sizeof line);
		int rc = ro_strmap_put(m, str(r, id), (int32_t)i, &old);
		if (rc < 0) {
			r->oom = true;
		} else if (rc == 0) {
			long first;
			memcpy(&first, (const char *)arr + (size_t)old * sz + line_off,
			       sizeof first);
			ERR(r, r->name, line,
			    "%s '%s' is defined twice (first at line %ld); rename one",
			    kind, str(r, id), first);
		}
	}
	return m;
}

#define ID_MAP(r, kind, arr, n) \
	id_map((r), (kind), (arr), (n), sizeof *(arr), \
	       offsetof(__typeof__(*(arr)), id), offsetof(__typeof__(*(arr)), line))

/* Looks up ref (a pool offset, non-zero) in m; reports when absent. */
static int32_t lookup(struct ro_site_reader *r, const struct ro_strmap *m,
		      uint32_t ref, const char *file, long line,
		      const char *kind, const char *id, const char *attr,
		      const char *target)
{
	int32_t v = m ? ro_strmap_get(m, str(r, ref)) : -1;

	if (v < 0)
		ERR(r, file, line,
		    "%s '%s': %s=\"%s\" names no %s; define it or fix the name",
		    kind, id, attr, str(r, ref), target);
	return v;
}

/* ---- links ------------------------------------------------------------------ */

/* Marks cycles in the parent relation; reports each once.  Returns true if
 * there is none. */
static bool check_cycles(struct ro_site_reader *r)
{
	struct ro_site *s = r->s;
	unsigned char *state;
	bool ok = true;

	if (s->nlinks == 0)
		return true;
	state = ro_calloc(s->nlinks, 1);
	if (!state) {
		r->oom = true;
		return false;
	}
	for (size_t i = 0; i < s->nlinks; i++) {
		int32_t l = (int32_t)i;
		/* 1: on the current walk, 2: known to reach a root or a cycle */
		while (l >= 0 && state[l] == 0) {
			state[l] = 1;
			l = s->links[l].parent;
		}
		if (l >= 0 && state[l] == 1) {
			char chain[512];
			size_t n = 0;
			int32_t k = l;
			do {
				n += (size_t)snprintf(chain + n, n < sizeof chain ?
						      sizeof chain - n : 0, "%s -> ",
						      str(r, s->links[k].id));
				k = s->links[k].parent;
			} while (k != l && n < sizeof chain);
			if (n < sizeof chain)
				snprintf(chain + n, sizeof chain - n, "%s",
					 str(r, s->links[l].id));
			ERR(r, r->name, s->links[l].line,
			    "link '%s' is in a cycle of parents (%s); make one of "
			    "them a root (no parent=)", str(r, s->links[l].id), chain);
			ok = false;
		}
		for (l = (int32_t)i; l >= 0 && state[l] == 1; l = s->links[l].parent)
			state[l] = 2;
	}
	ro_free(state);
	return ok;
}

/* ---- clients ----------------------------------------------------------------- */

static void client_subject(const struct ro_client *c, const char **kind)
{
	*kind = c->count > 1 ? "group" : "client";
}

static int digits(int32_t v)
{
	int n = 1;
	while (v >= 10) {
		v /= 10;
		n++;
	}
	return n;
}

/* Client ids after group expansion: a client "g-07" collides with member 7
 * of a group "g" of 10 to 99.  Member names of two different groups never
 * collide (the part after the last '-' is the number, so the group ids
 * would be equal), and a name is only a member name if its number has the
 * width of the group's count. */
static void check_client_ids(struct ro_site_reader *r)
{
	struct ro_site *s = r->s;
	struct ro_strmap *single = ro_strmap_new(s->nclients);
	struct ro_strmap *group = ro_strmap_new(16);
	char *buf = NULL;
	size_t bufn = 0;
	char w1[300];

	if (!single || !group) {
		r->oom = true;
		goto out_free;
	}
	for (size_t i = 0; i < s->nclients; i++) {
		const struct ro_client *c = &s->clients[i];
		bool is_group = c->count > 1;
		struct ro_strmap *m = is_group ? group : single;
		int32_t old;
		int rc = ro_strmap_put(m, str(r, c->id), (int32_t)i, &old);
		if (rc < 0) {
			r->oom = true;
			goto out_free;
		}
		if (rc == 0) {
			const struct ro_client *o = &s->clients[old];
			ERR(r, str(r, c->file), c->line,
			    "%s '%s' is defined twice (first at %s); rename one",
			    is_group ? "group" : "client", str(r, c->id),
			    where(r, o->file, o->line, c->file, w1, sizeof w1));
		}
	}
	for (size_t i = 0; i < s->nclients; i++) {
		const struct ro_client *c = &s->clients[i];
		const char *id = str(r, c->id);
		const char *dash;
		size_t len = strlen(id);
		int32_t g, val = 0;
		bool num = true;

		if (c->count > 1)
			continue;
		g = ro_strmap_get(group, id);
		if (g >= 0) {
			const struct ro_client *o = &s->clients[g];
			const struct ro_client *later = (size_t)g > i ? o : c;
			const struct ro_client *first = later == c ? o : c;
			ERR(r, str(r, later->file), later->line,
			    "%s '%s' has the id of %s '%s' (%s); rename one",
			    later == c ? "client" : "group", id,
			    later == c ? "group" : "client", id,
			    where(r, first->file, first->line, later->file, w1,
				  sizeof w1));
			continue;
		}
		dash = strrchr(id, '-');
		if (!dash || dash == id || dash[1] == '\0' ||
		    (size_t)(id + len - dash - 1) > 9)
			continue;
		for (const char *p = dash + 1; *p; p++) {
			if (*p < '0' || *p > '9') {
				num = false;
				break;
			}
			val = val * 10 + (*p - '0');
		}
		if (!num)
			continue;
		if ((size_t)(dash - id) + 1 > bufn) {
			ro_free(buf);
			bufn = (size_t)(dash - id) + 1 + 64;
			buf = ro_malloc(bufn);
			if (!buf) {
				r->oom = true;
				goto out_free;
			}
		}
		memcpy(buf, id, (size_t)(dash - id));
		buf[dash - id] = '\0';
		g = ro_strmap_get(group, buf);
		if (g < 0)
			continue;
		const struct ro_client *o = &s->clients[g];
		if (digits(o->count) != (int)strlen(dash + 1) || val < 1 ||
		    val > o->count)
			continue;
		const struct ro_client *later = (size_t)g > i ? o : c;
		const struct ro_client *first = later == c ? o : c;
		if (later == c)
			ERR(r, str(r, c->file), c->line,
			    "client '%s' is defined twice (also member %d of group "
			    "'%s' at %s); rename one", id, (int)val, buf,
			    where(r, first->file, first->line, later->file, w1,
				  sizeof w1));
		else
			ERR(r, str(r, o->file), o->line,
			    "group '%s' member %d is '%s', already defined (at %s); "
			    "rename one", buf, (int)val, id,
			    where(r, first->file, first->line, later->file, w1,
				  sizeof w1));
	}
out_free:
	ro_free(buf);
	ro_strmap_free(single);
	ro_strmap_free(group);
}

/* Resolves the references of every client and checks sizes and paths. */
static void resolve_clients(struct ro_site_reader *r, struct ro_strmap *links,
			    struct ro_strmap *servers, struct ro_strmap *cals,
			    struct ro_strmap *comps, struct ro_strmap *groups,
			    bool tree_ok)
{
	struct ro_site *s = r->s;
	int32_t *path = NULL;
	bool zero_reported = false;

	if (s->nlinks) {
		path = ro_calloc(s->nlinks, sizeof *path);
		if (!path) {
			r->oom = true;
			return;
		}
	}
	for (size_t i = 0; i < s->nclients; i++) {
		struct ro_client *c = &s->clients[i];
		const struct ro_pend_client *pc = &r->pclients[i];
		const char *file = str(r, c->file), *id = str(r, c->id), *kind;

		client_subject(c, &kind);
		c->segment = lookup(r, links, pc->segment, file, c->line, kind, id,
				    "segment", "link");
		c->server = lookup(r, servers, pc->cap, file, c->line, kind, id,
				   "cap", "server");
		if (c->server >= 0 && s->servers[c->server].kind != RO_SERVER_CAP) {
			ERR(r, file, c->line,
			    "%s '%s': cap=\"%s\" is a logon point, not a CAP; name a "
			    "<cap>", kind, id, str(r, pc->cap));
			c->server = -1;
		}
		c->calendar = lookup(r, cals, pc->calendar, file, c->line, kind, id,
				     "calendar", "calendar");
		c->office = -1;
		if (c->conn == RO_CONN_RAS && pc->office)
			c->office = lookup(r, cals, pc->office, file, c->line, kind, id,
					   "office", "calendar");
		if (pc->group) {
			int32_t g = lookup(r, groups, pc->group, file, c->line, kind,
					   id, "user-group", "user group");
			c->group = g >= 0 ? (uint32_t)g + 1 : 0;
		}
		c->components = 0;
		c->bytes = s->base_bytes;
		if (pc->components) {
			const char *p = str(r, pc->components);
			char tok[256];
			while (*p) {
				size_t n = strcspn(p, " \t\r\n");
				if (n > 0) {
					int32_t k;
					snprintf(tok, sizeof tok, "%.*s", (int)n, p);
					k = comps ? ro_strmap_get(comps, tok) : -1;
					if (k < 0) {
						ERR(r, file, c->line,
						    "%s '%s': component \"%s\" is not in the "
						    "payload; define it or fix the name", kind,
						    id, tok);
					} else if (!(c->components & (UINT64_C(1) << k))) {
						c->components |= UINT64_C(1) << k;
						c->bytes += s->components[k].bytes;
					}
				}
				p += n;
				while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
					p++;
			}
		}
		if (c->bytes > RO_MAX_SIZE_BYTES)
			ERR(r, file, c->line,
			    "%s '%s' transfers more than 1 TiB; check the payload sizes "
			    "(the unit is MB)", kind, id);
		if (c->bytes == 0 && !zero_reported) {
			ERR(r, file, c->line,
			    "%s '%s' transfers nothing (base-mb is 0 and it has no "
			    "components); give base-mb above 0", kind, id);
			zero_reported = true;
		}
		if (tree_ok && c->segment >= 0 && c->server >= 0 &&
		    s->servers[c->server].link >= 0 &&
		    ro_client_path(s, c, path, (int)s->nlinks) < 0) {
			const struct ro_server *sv = &s->servers[c->server];
			ERR(r, file, c->line,
			    "%s '%s': segment '%s' does not reach link '%s' of cap '%s' "
			    "going up the tree; fix the segment, the cap or the link "
			    "parents", kind, id, str(r, s->links[c->segment].id),
			    str(r, s->links[sv->link].id), str(r, sv->id));
		}
	}
	ro_free(path);
}

/* ---- horizon ------------------------------------------------------------------ */

static void check_horizon(struct ro_site_reader *r, long line,
			  const char *label, ro_time start, ro_time end,
			  int32_t slot)
{
	if (slot < 1 || slot > RO_DAY_MIN) {
		ERR(r, r->name, line,
		    "%s: slot-minutes=\"%d\" is out of range; give 1 to %d", label,
		    (int)slot, RO_DAY_MIN);
		return;
	}
	if (end < start)
		ERR(r, r->name, line,
		    "%s ends before it starts; make end later than start", label);
	else if (end - start < slot)
		ERR(r, r->name, line,
		    "%s is shorter than one slot (%d minutes); make it longer or "
		    "the slots shorter", label, (int)slot);
	else if (end - start > RO_MAX_HORIZON_MIN)
		ERR(r, r->name, line, "%s is longer than 366 days; shorten it",
		    label);
	else if ((end - start) / slot > RO_MAX_SLOTS)
		ERR(r, r->name, line,
		    "%s has %lld slots, more than %d; use longer slots or a "
		    "shorter horizon", label, (long long)((end - start) / slot),
		    RO_MAX_SLOTS);
}

/* ---- scenarios ------------------------------------------------------------------ */

static void check_scenario(struct ro_site_reader *r, struct ro_scenario *sc,
			   struct ro_strmap *links, struct ro_strmap *servers,
			   struct ro_strmap *cals, struct ro_strmap *profs,
			   struct ro_strmap *groups)
{
	struct ro_site *s = r->s;
	const char *id = str(r, sc->id);
	char label[300];

	/* a date that did not parse has its own error; what follows from it
	 * would only repeat it (a scenario without start= or end= takes the
	 * base horizon's) */
	if (sc->horizon_line && !sc->bad_start && !sc->bad_end &&
	    (sc->has_start || !r->horizon_bad) &&
	    (sc->has_end || !r->horizon_bad)) {
		snprintf(label, sizeof label, "scenario '%s': horizon", id);
		check_horizon(r, sc->horizon_line, label,
			      sc->has_start ? sc->start : s->horizon.start,
			      sc->has_end ? sc->end : s->horizon.end,
			      sc->has_slot ? sc->slot_min : s->horizon.slot_min);
	}
	for (size_t k = 0; k < sc->nprofiles; k++)
		if (!profs || ro_strmap_get(profs, str(r, sc->profiles[k].id)) < 0)
			ERR(r, r->name, sc->profiles[k].line,
			    "scenario '%s': profile '%s' does not exist; a scenario "
			    "can only replace a profile defined under <profiles>", id,
			    str(r, sc->profiles[k].id));
	for (size_t k = 0; k < sc->ncalendars; k++)
		if (!cals || ro_strmap_get(cals, str(r, sc->calendars[k].id)) < 0)
			ERR(r, r->name, sc->calendars[k].line,
			    "scenario '%s': calendar '%s' does not exist; a scenario "
			    "can only replace a calendar defined under <calendars>", id,
			    str(r, sc->calendars[k].id));
	for (size_t k = 0; k < sc->nexc; k++)
		lookup(r, cals, sc->exc[k].calendar, r->name, sc->exc[k].e.line,
		       "scenario", id, "calendar", "calendar");
	for (size_t k = 0; k < sc->nlinks; k++) {
		lookup(r, links, sc->links[k].id, r->name, sc->links[k].line,
		       "scenario", id, "link id", "link");
		if (sc->links[k].has_background)
			lookup(r, profs, sc->links[k].background, r->name,
			       sc->links[k].line, "scenario", id, "background",
			       "profile");
	}
	for (size_t k = 0; k < sc->ngroups; k++)
		lookup(r, groups, sc->groups[k].id, r->name, sc->groups[k].line,
		       "scenario", id, "user-group id", "user group");
	for (size_t k = 0; k < sc->ncaps; k++) {
		int32_t v = lookup(r, servers, sc->caps[k].id, r->name,
				   sc->caps[k].line, "scenario", id, "cap id",
				   "server");
		if (v >= 0 && s->servers[v].kind != RO_SERVER_CAP)
			ERR(r, r->name, sc->caps[k].line,
			    "scenario '%s': cap id=\"%s\" is a logon point, not a CAP; "
			    "name a <cap>", id, str(r, sc->caps[k].id));
	}
}

/* Applies sc to the site (references already checked, maps valid). */
static void apply_scenario(struct ro_site_reader *r, struct ro_scenario *sc,
			   struct ro_strmap *links, struct ro_strmap *servers,
			   struct ro_strmap *cals, struct ro_strmap *profs,
			   struct ro_strmap *groups)
{
	struct ro_site *s = r->s;

	s->scenario = sc->id;
	if (sc->has_start)
		s->horizon.start = sc->start;
	if (sc->has_end)
		s->horizon.end = sc->end;
	if (sc->has_slot)
		s->horizon.slot_min = sc->slot_min;
	if (sc->has_policy) {
		const struct ro_pol_over *o = &sc->pol;
		if (o->has_logon)
			s->policy.logon = o->p.logon;
		if (o->has_delay)
			s->policy.reboot_delay_min = o->p.reboot_delay_min;
		if (o->has_cap)
			s->policy.reboot_cap = o->p.reboot_cap;
		if (o->has_adverts)
			s->policy.expire_adverts = o->p.expire_adverts;
		if (o->has_windows) {
			ro_free(s->policy.reboot_windows);
			s->policy.reboot_windows = sc->pol.p.reboot_windows;
			s->policy.nreboot_windows = sc->pol.p.nreboot_windows;
			sc->pol.p.reboot_windows = NULL;
			sc->pol.p.nreboot_windows = 0;
		}
		if (o->has_control)
			s->policy.control = o->p.control;
		if (o->has_logon_path)
			s->policy.logon_path = o->p.logon_path;
		if (o->has_propagation)
			s->policy.propagation_min = o->p.propagation_min;
		if (o->has_ras)
			s->policy.ras_bps = o->p.ras_bps;
		if (o->has_defer)
			s->policy.defer_allowed = o->p.defer_allowed;
		if (o->has_releases) {
			ro_free(s->policy.releases);
			s->policy.releases = sc->pol.p.releases;
			s->policy.nreleases = sc->pol.p.nreleases;
			sc->pol.p.releases = NULL;
			sc->pol.p.nreleases = 0;
		}
	}
	for (size_t k = 0; k < sc->ngroups; k++) {
		const struct ro_scen_group *sg = &sc->groups[k];
		int32_t i = ro_strmap_get(groups, str(r, sg->id));
		if (i < 0)
			continue;
		if (sg->has_compliance)
			s->groups[i].compliance_ppm = sg->compliance_ppm;
		if (sg->has_use)
			s->groups[i].stay_use = sg->use;
	}
	/* replacements first, then exceptions: "appended after the calendar's
	 * own" means after those of the calendar as the scenario defines it */
	for (size_t k = 0; k < sc->nprofiles; k++) {
		struct ro_profile *np = &sc->profiles[k];
		int32_t i = ro_strmap_get(profs, str(r, np->id));
		if (i < 0)
			continue;
		ro_free(s->profiles[i].levels);
		s->profiles[i] = *np;
		np->levels = NULL;
		np->nlevels = 0;
	}
	for (size_t k = 0; k < sc->ncalendars; k++) {
		struct ro_calendar *nc = &sc->calendars[k];
		int32_t i = ro_strmap_get(cals, str(r, nc->id));
		if (i < 0)
			continue;
		ro_free(s->calendars[i].weekly);
		ro_free(s->calendars[i].exc);
		s->calendars[i] = *nc;
		nc->weekly = NULL;
		nc->exc = NULL;
		nc->nweekly = nc->nexc = 0;
	}
	for (size_t k = 0; k < sc->nexc; k++) {
		int32_t i = ro_strmap_get(cals, str(r, sc->exc[k].calendar));
		struct ro_calendar *c;
		if (i < 0)
			continue;
		c = &s->calendars[i];
		/* the array may have come from a replacement: ro_grow's implicit
		 * capacity holds for it too, it was built the same way */
		if (!ro_grow((void **)&c->exc, c->nexc, sizeof *c->exc)) {
			r->oom = true;
			return;
		}
		c->exc[c->nexc++] = sc->exc[k].e;
	}
	for (size_t k = 0; k < sc->nlinks; k++) {
		const struct ro_scen_link *sl = &sc->links[k];
		int32_t i = ro_strmap_get(links, str(r, sl->id));
		if (i < 0)
			continue;
		if (sl->has_capacity)
			s->links[i].capacity_bps = sl->capacity_bps;
		if (sl->has_share)
			s->links[i].share_ppm = sl->share_ppm;
		if (sl->has_background)
			s->links[i].profile = ro_strmap_get(profs, str(r, sl->background));
	}
	for (size_t k = 0; k < sc->ncaps; k++) {
		const struct ro_scen_cap *cp = &sc->caps[k];
		int32_t i = ro_strmap_get(servers, str(r, cp->id));
		if (i < 0)
			continue;
		if (cp->has_ready) {
			s->servers[i].ready = cp->ready;
			r->pservers[i].has_ready = true;
		}
		if (cp->has_max)
			s->servers[i].max_concurrent = cp->max_concurrent;
	}
}

/* Release candidates of the policy in force: inside the horizon, since a
 * release outside it plans nothing the horizon can show. */
static void check_releases(struct ro_site_reader *r)
{
	const struct ro_site *s = r->s;

	for (size_t i = 0; i < s->policy.nreleases; i++) {
		const struct ro_release *rel = &s->policy.releases[i];
		char a[RO_TIME_BUFSZ], b[RO_TIME_BUFSZ], h0[RO_TIME_BUFSZ],
			h1[RO_TIME_BUFSZ];
		if (rel->from < s->horizon.start || rel->to >= s->horizon.end)
			ERR(r, r->name, rel->line,
			    "release %s%s%s is outside the horizon (%s to %s); "
			    "move it inside", ro_time_format(rel->from, a),
			    rel->to != rel->from ? " to " : "",
			    rel->to != rel->from ? ro_time_format(rel->to, b) : "",
			    ro_time_format(s->horizon.start, h0),
			    ro_time_format(s->horizon.end, h1));
	}
}

/* ---- the whole ---------------------------------------------------------------------- */

void ro_sr_finish(struct ro_site_reader *r, const char *scenario)
{
	struct ro_site *s = r->s;
	struct ro_strmap *links, *servers, *cals, *profs, *comps, *scens;
	struct ro_strmap *groups;
	struct ro_scenario *chosen = NULL;
	bool tree_ok = true;

	links = ID_MAP(r, "link", s->links, s->nlinks);
	servers = ID_MAP(r, "server", s->servers, s->nservers);
	cals = ID_MAP(r, "calendar", s->calendars, s->ncalendars);
	profs = ID_MAP(r, "profile", s->profiles, s->nprofiles);
	comps = ID_MAP(r, "component", s->components, s->ncomponents);
	scens = ID_MAP(r, "scenario", r->scen, r->nscen);
	groups = ID_MAP(r, "user group", s->groups, s->ngroups);
	if (r->oom)
		goto out_free;

	for (size_t i = 0; i < s->nlinks; i++) {
		struct ro_link *l = &s->links[i];
		const char *id = str(r, l->id);
		if (r->plinks[i].parent) {
			l->parent = lookup(r, links, r->plinks[i].parent, r->name,
					   l->line, "link", id, "parent", "link");
			if (l->parent < 0)
				tree_ok = false;
		}
		if (r->plinks[i].background)
			l->profile = lookup(r, profs, r->plinks[i].background, r->name,
					    l->line, "link", id, "background",
					    "profile");
	}
	if (!check_cycles(r))
		tree_ok = false;
	for (size_t i = 0; i < s->nservers; i++)
		s->servers[i].link = lookup(r, links, r->pservers[i].link, r->name,
					    s->servers[i].line,
					    s->servers[i].kind == RO_SERVER_CAP ?
					    "cap" : "logon-point",
					    str(r, s->servers[i].id), "link", "link");
	if (r->oom)
		goto out_free;
	resolve_clients(r, links, servers, cals, comps, groups, tree_ok);
	check_client_ids(r);
	if (!r->horizon_bad)
		check_horizon(r, r->horizon_line, "horizon", s->horizon.start,
			      s->horizon.end, s->horizon.slot_min);

	if (r->nscen) {
		s->scenario_names = ro_calloc(r->nscen, sizeof *s->scenario_names);
		if (!s->scenario_names) {
			r->oom = true;
			goto out_free;
		}
		s->nscenarios = r->nscen;
	}
	for (size_t i = 0; i < r->nscen; i++) {
		s->scenario_names[i] = r->scen[i].id;
		check_scenario(r, &r->scen[i], links, servers, cals, profs,
			       groups);
	}
	if (scenario) {
		int32_t i = ro_strmap_get(scens, scenario);
		if (i >= 0) {
			chosen = &r->scen[i];
		} else {
			char list[1024];
			size_t n = 0;
			list[0] = '\0';
			for (size_t k = 0; k < r->nscen && n < sizeof list; k++)
				n += (size_t)snprintf(list + n, sizeof list - n, "%s%s",
						      k ? ", " : "",
						      str(r, r->scen[k].id));
			if (r->nscen)
				ERR(r, r->name, 0,
				    "unknown scenario '%s'; the site defines: %s",
				    scenario, list);
			else
				ERR(r, r->name, 0,
				    "unknown scenario '%s'; the site defines no scenarios",
				    scenario);
		}
	}
	if (ro_diag_count(r->d) > 0)
		goto out_free;   /* do not apply anything to a broken site */
	if (chosen)
		apply_scenario(r, chosen, links, servers, cals, profs, groups);
	check_releases(r);
	/* defaults that depend on the (possibly replaced) horizon */
	for (size_t i = 0; i < s->nservers; i++)
		if (!r->pservers[i].has_ready)
			s->servers[i].ready = s->horizon.start;
	for (size_t i = 0; i < s->nclients; i++)
		if (!s->clients[i].has_phase)
			s->clients[i].phase = s->horizon.start;
	if (s->horizon.slot_min > 0)
		s->horizon.nslots = (int32_t)((s->horizon.end - s->horizon.start) /
					      s->horizon.slot_min);

out_free:
	ro_strmap_free(links);
	ro_strmap_free(servers);
	ro_strmap_free(cals);
	ro_strmap_free(profs);
	ro_strmap_free(comps);
	ro_strmap_free(scens);
	ro_strmap_free(groups);
}
