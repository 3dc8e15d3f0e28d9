/*
 * site_read.c - loading a site file: a streaming xmlTextReader validating
 * against the embedded site.xsd, the CSV inventories it names, and the
 * hand-off to site_check.c for references, semantic checks and scenarios.
 *
 * Streaming keeps a 100,000-client site cheap: no DOM is built, each element
 * is turned into model records as it passes.  Semantic errors are collected
 * apart from libxml2's: when the document is not well-formed or does not
 * follow the schema, only those errors are reported (checks on a document
 * of the wrong shape would mostly repeat them).
 */
#include "site_read.h"

#include <assert.h>
#include <string.h>

#include <libxml/xmlreader.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/rtime.h"
#include "site_priv.h"
#include "xmlsafe.h"

enum elem {
	E_UNKNOWN, E_SITE, E_HORIZON, E_POLICY, E_REBOOT_WINDOW, E_PROFILES,
	E_PROFILE, E_LEVEL, E_CALENDARS, E_CALENDAR, E_ON, E_EXCEPTION,
	E_NETWORK, E_LINK, E_SERVERS, E_CAP, E_LOGON_POINT, E_PAYLOAD,
	E_COMPONENT, E_CLIENTS, E_CLIENT, E_GROUP, E_INVENTORY, E_SCENARIOS,
	E_SCENARIO, E_RELEASE, E_USER_GROUPS, E_USER_GROUP, E_STAY_ON, E_N
};

static const char *const elem_names[E_N] = {
	[E_UNKNOWN] = "", [E_SITE] = "site", [E_HORIZON] = "horizon",
	[E_POLICY] = "policy", [E_REBOOT_WINDOW] = "reboot-window",
	[E_PROFILES] = "profiles", [E_PROFILE] = "profile", [E_LEVEL] = "level",
	[E_CALENDARS] = "calendars", [E_CALENDAR] = "calendar", [E_ON] = "on",
	[E_EXCEPTION] = "exception", [E_NETWORK] = "network", [E_LINK] = "link",
	[E_SERVERS] = "servers", [E_CAP] = "cap",
	[E_LOGON_POINT] = "logon-point", [E_PAYLOAD] = "payload",
	[E_COMPONENT] = "component", [E_CLIENTS] = "clients",
	[E_CLIENT] = "client", [E_GROUP] = "group", [E_INVENTORY] = "inventory",
	[E_SCENARIOS] = "scenarios", [E_SCENARIO] = "scenario",
	[E_RELEASE] = "release", [E_USER_GROUPS] = "user-groups",
	[E_USER_GROUP] = "user-group", [E_STAY_ON] = "stay-on",
};

/* The reader's names are interned in its dictionary: the same pointer for
 * the same name.  A small pointer-keyed cache saves the string compares. */
#define NCACHE 128
struct name_cache {
	const xmlChar *key[NCACHE];
	int code[NCACHE];
};

static int cached_code(struct name_cache *nc, const xmlChar *name,
		       const char *const *names, int n)
{
	size_t h = ((uintptr_t)name >> 4) % NCACHE;

	for (size_t i = 0; i < NCACHE; i++, h = (h + 1) % NCACHE) {
		if (nc->key[h] == name)
			return nc->code[h];
		if (!nc->key[h]) {
			int code = -1;
			for (int k = 0; k < n; k++)
				if (strcmp((const char *)name, names[k]) == 0)
					code = k;
			nc->key[h] = name;
			nc->code[h] = code;
			return code;
		}
	}
	for (int k = 0; k < n; k++)
		if (strcmp((const char *)name, names[k]) == 0)
			return k;
	return -1;
}

/* One load: the reader state shared with site_check.c plus what only the
 * XML side needs. */
struct load {
	struct ro_site_reader r;
	struct name_cache elems, attrs;
	char *scratch;          /* attribute values of the current element */
	size_t scap;
	enum elem stack[RO_XML_MAX_DEPTH + 2];
	bool pol_fresh;         /* no reboot-window seen yet in this <policy> */
	bool rel_fresh;         /* no release seen yet in this <policy> */
};

/* ---- interning ------------------------------------------------------------ */

static uint32_t str_hash(const char *s)
{
	uint32_t h = 2166136261u;
	while (*s)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

uint32_t ro_sr_intern(struct ro_site_reader *r, const char *str)
{
	struct ro_site *s = r->s;
	bool ok = true;
	size_t i;
	uint32_t off;

	if (!str || !*str)
		return 0;
	if (2 * (r->ilen + 1) > r->icap) {
		size_t ncap = r->icap ? 2 * r->icap : 1024;
		uint32_t *t = ro_calloc(ncap, sizeof *t);
		if (!t) {
			r->oom = true;
			return 0;
		}
		for (size_t k = 0; k < r->icap; k++) {
			if (!r->itab[k])
				continue;
			i = str_hash(s->pool + r->itab[k]) & (ncap - 1);
			while (t[i])
				i = (i + 1) & (ncap - 1);
			t[i] = r->itab[k];
		}
		ro_free(r->itab);
		r->itab = t;
		r->icap = ncap;
	}
	i = str_hash(str) & (r->icap - 1);
	while (r->itab[i]) {
		if (strcmp(s->pool + r->itab[i], str) == 0)
			return r->itab[i];
		i = (i + 1) & (r->icap - 1);
	}
	off = ro_site_intern(s, str, &ok);
	if (!ok) {
		r->oom = true;
		return 0;
	}
	r->itab[i] = off;
	r->ilen++;
	return off;
}

/* ---- windows, exceptions, policies, profiles ---------------------------------- */

/* Appends the spans of a window element to *v. */
static void add_window(struct ro_site_reader *r, const struct ro_where *w,
		       const struct ro_attrs *a, struct ro_wspan **v, size_t *n)
{
	struct ro_wspan sp[7];
	size_t k;
	const char *why = ro_sv_window(a->v[A_DAYS], a->v[A_FROM], a->v[A_TO],
				       sp, &k);

	if (why) {
		ERR(r, w->file, w->line, "%s: %s", w->kind, why);
		return;
	}
	for (size_t i = 0; i < k; i++) {
		struct ro_wspan *p = ro_sr_push(r, (void **)v, n, sizeof **v);
		if (!p)
			return;
		*p = sp[i];
	}
}

static void add_exception(struct ro_site_reader *r, const struct ro_where *w,
			  const struct ro_attrs *a, struct ro_exception *e)
{
	bool ok = ro_sr_get_time(r, w, a, A_FROM, &e->from);

	ok = ro_sr_get_time(r, w, a, A_TO, &e->to) && ok;
	e->on = a->v[A_STATE] && strcmp(a->v[A_STATE], "on") == 0;
	e->line = w->line;
	if (ok && e->to < e->from)
		ERR(r, w->file, w->line,
		    "exception ends before it starts (%s to %s); swap from and to",
		    a->v[A_FROM], a->v[A_TO]);
	else if (ok && e->to == e->from)
		ERR(r, w->file, w->line,
		    "exception has zero length (from equals to); make to later "
		    "than from");
}

/* Policy attributes into o (base or scenario). */
static void read_policy(struct ro_site_reader *r, const struct ro_where *w,
			const struct ro_attrs *a, struct ro_pol_over *o)
{
	int64_t v;
	const char *s;

	o->line = w->line;
	if ((s = a->v[A_LOGON])) {
		o->has_logon = true;
		o->p.logon = strcmp(s, "disabled") == 0 ? RO_LOGON_DISABLED :
			     strcmp(s, "phased") == 0 ? RO_LOGON_PHASED :
			     RO_LOGON_ENABLED;
	}
	if (a->v[A_DELAY]) {
		if (ro_sr_get_int(r, w, a, A_DELAY, 0, RO_WEEK_MIN,
				  RO_DEFAULT_REBOOT_DELAY_MIN, &v)) {
			o->has_delay = true;
			o->p.reboot_delay_min = (int32_t)v;
		}
	}
	if (a->v[A_RCAP]) {
		if (ro_sr_get_int(r, w, a, A_RCAP, 0, RO_MAX_CLIENTS, 0, &v)) {
			o->has_cap = true;
			o->p.reboot_cap = (int32_t)v;
		}
	}
	if ((s = a->v[A_ADVERTS])) {
		o->has_adverts = true;
		o->p.expire_adverts = strcmp(s, "keep") != 0;
	}
	if ((s = a->v[A_CONTROL])) {
		o->has_control = true;
		o->p.control = strcmp(s, "per-client") == 0 ? RO_CONTROL_PER_CLIENT
							    : RO_CONTROL_SMS20;
	}
	if ((s = a->v[A_LOGON_PATH])) {
		o->has_logon_path = true;
		o->p.logon_path = strcmp(s, "sp2") == 0 ? RO_LOGON_PATH_SP2
							: RO_LOGON_PATH_SP1;
	}
	if (a->v[A_PROPAGATION] &&
	    ro_sr_get_int(r, w, a, A_PROPAGATION, 0, RO_WEEK_MIN,
			  RO_DEFAULT_PROPAGATION_MIN, &v)) {
		o->has_propagation = true;
		o->p.propagation_min = (int32_t)v;
	}
	if (a->v[A_RAS_KBPS])
		o->has_ras = ro_sr_get_dec(r, w, a, A_RAS_KBPS, 1000,
					   RO_MAX_CAPACITY_BPS, false,
					   "a dial-up line above 1 Tbit/s is not "
					   "plausible: the unit is kbit/s",
					   &o->p.ras_bps);
	if ((s = a->v[A_DEFER])) {
		o->has_defer = true;
		o->p.defer_allowed = strcmp(s, "allowed") == 0;
	}
}

/* A <release> of a policy: one instant, or a window with a step. */
static void add_release(struct ro_site_reader *r, const struct ro_where *w,
			const struct ro_attrs *a, struct ro_policy *p)
{
	struct ro_release rel = { 0, 0, 0, w->line };
	int64_t v = 0;

	if (a->v[A_AT]) {
		if (a->v[A_FROM] || a->v[A_TO] || a->v[A_STEP]) {
			ERR(r, w->file, w->line,
			    "release: at= goes alone; give either at=, or from=, "
			    "to= and step-minutes=");
			return;
		}
		if (!ro_sr_get_time(r, w, a, A_AT, &rel.from))
			return;
		rel.to = rel.from;
	} else {
		bool ok;
		if (!a->v[A_FROM] || !a->v[A_TO]) {
			ERR(r, w->file, w->line,
			    "release: give at=\"DATE-TIME\", or from=, to= and "
			    "step-minutes=");
			return;
		}
		ok = ro_sr_get_time(r, w, a, A_FROM, &rel.from);
		ok = ro_sr_get_time(r, w, a, A_TO, &rel.to) && ok;
		if (!ro_sr_get_int(r, w, a, A_STEP, 1, RO_WEEK_MIN, 60, &v) || !ok)
			return;
		rel.step_min = (int32_t)v;
		if (rel.to < rel.from) {
			ERR(r, w->file, w->line,
			    "release ends before it starts (%s to %s); swap from "
			    "and to", a->v[A_FROM], a->v[A_TO]);
			return;
		}
		if ((rel.to - rel.from) / rel.step_min > 10000) {
			ERR(r, w->file, w->line,
			    "release: more than 10,000 candidate instants; use a "
			    "longer step-minutes");
			return;
		}
	}
	struct ro_release *p2 = ro_sr_push(r, (void **)&p->releases,
					   &p->nreleases, sizeof *p->releases);
	if (p2)
		*p2 = rel;
}

static void read_profile_attrs(struct ro_site_reader *r, const struct ro_where *w,
			       const struct ro_attrs *a, struct ro_profile *p)
{
	p->id = ro_sr_intern(r, a->v[A_ID]);
	p->line = w->line;
	ro_sr_get_frac(r, w, a, A_DEFAULT, 0, true, &p->default_ppm);
}

static void add_level(struct ro_site_reader *r, const struct ro_where *w,
		      const struct ro_attrs *a, struct ro_profile *p)
{
	struct ro_wspan sp[7];
	size_t k;
	uint32_t ppm;
	const char *why = ro_sv_window(a->v[A_DAYS], a->v[A_FROM], a->v[A_TO],
				       sp, &k);

	if (why) {
		ERR(r, w->file, w->line, "level: %s", why);
		return;
	}
	if (!ro_sr_get_frac(r, w, a, A_VALUE, 0, true, &ppm))
		return;
	for (size_t i = 0; i < k; i++) {
		struct ro_level *l = PUSH(r, p->levels, p->nlevels);
		if (!l)
			return;
		l->span = sp[i];
		l->ppm = ppm;
	}
}

/* ---- the XML side --------------------------------------------------------------------- */

static bool scratch_put(struct load *ld, size_t *len, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*len + n > ld->scap) {
		size_t cap = ld->scap ? ld->scap : 1024;
		while (*len + n > cap)
			cap *= 2;
		char *p = ro_realloc(ld->scratch, cap);
		if (!p)
			return false;
		ld->scratch = p;
		ld->scap = cap;
	}
	memcpy(ld->scratch + *len, s, n);
	*len += n;
	return true;
}

/* Copies the attributes of the current element into a. */
static bool read_attrs(struct load *ld, xmlTextReaderPtr xr, struct ro_attrs *a)
{
	size_t off[A_N], len = 0;
	bool have[A_N] = { false };

	memset(a, 0, sizeof *a);
	if (xmlTextReaderHasAttributes(xr) != 1)
		return true;
	while (xmlTextReaderMoveToNextAttribute(xr) == 1) {
		const xmlChar *n = xmlTextReaderConstLocalName(xr);
		const xmlChar *v = xmlTextReaderConstValue(xr);
		int k;
		if (!n || !v)
			continue;
		k = cached_code(&ld->attrs, n, ro_attr_names, A_N);
		if (k < 0)
			continue;
		off[k] = len;
		if (!scratch_put(ld, &len, (const char *)v))
			return false;
		have[k] = true;
	}
	xmlTextReaderMoveToElement(xr);
	for (int k = 0; k < A_N; k++)
		if (have[k])
			a->v[k] = ld->scratch + off[k];
	return true;
}

/* The line of the current element: where its start tag ends (libxml2
 * records that line; its schema errors use the same). */
static long element_line(xmlTextReaderPtr xr)
{
	xmlNodePtr n = xmlTextReaderCurrentNode(xr);
	long line = n ? xmlGetLineNo(n) : -1;

	/* Past line 65,535 an element keeps no line of its own (libxml2 2.9
	 * keeps big lines for text nodes only) and xmlGetLineNo takes that of
	 * the text after its start tag, which libxml2 records where the text
	 * ends: count back over the text's line breaks. */
	if (line >= 65535 && n) {
		xmlNodePtr t = n->children ? n->children : n->next;
		if (t && t->type == XML_TEXT_NODE && t->content) {
			long l = xmlGetLineNo(t);
			for (const xmlChar *p = t->content; *p; p++)
				l -= *p == '\n';
			if (l >= 65535)
				line = l;
		}
	}
	return line > 0 ? line : xmlTextReaderGetParserLineNumber(xr);
}

/* The scenario being read: the last one. */
static struct ro_scenario *cur_scen(struct ro_site_reader *r)
{
	return r->nscen ? &r->scen[r->nscen - 1] : NULL;
}

/* ---- one handler per element ----------------------------------------------------- */

/* An element being read, for its handler.  sc is the <scenario> it is in,
 * NULL in the base site: an element a scenario may override (horizon,
 * policy, profile, calendar, exception, link, cap) has one handler for
 * both, which fills the base site or sc. */
struct elem_ctx {
	struct load *ld;
	struct ro_site_reader *r;
	struct ro_site *s;
	enum elem e, par;       /* the element and its parent */
	int dep;
	struct ro_scenario *sc;
	struct ro_where w;
};

static void on_site(struct elem_ctx *c, const struct ro_attrs *a)
{
	if (c->dep == 0)
		c->s->name = ro_sr_intern(c->r, a->v[A_NAME]);
}

static void on_horizon(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site_reader *r = c->r;
	struct ro_scenario *sc = c->sc;
	struct ro_site *s = c->s;
	int64_t v;

	if (!sc) {
		r->horizon_line = c->w.line;
		if (!ro_sr_get_time(r, &c->w, a, A_START, &s->horizon.start))
			r->horizon_bad = true;
		if (!ro_sr_get_time(r, &c->w, a, A_END, &s->horizon.end))
			r->horizon_bad = true;
		ro_sr_get_int(r, &c->w, a, A_SLOT, 1, RO_DAY_MIN,
			      RO_DEFAULT_SLOT_MIN, &v);
		s->horizon.slot_min = (int32_t)v;
		return;
	}
	sc->horizon_line = c->w.line;
	if (a->v[A_START]) {
		sc->has_start = ro_sr_get_time(r, &c->w, a, A_START, &sc->start);
		sc->bad_start = !sc->has_start;
	}
	if (a->v[A_END]) {
		sc->has_end = ro_sr_get_time(r, &c->w, a, A_END, &sc->end);
		sc->bad_end = !sc->has_end;
	}
	if (a->v[A_SLOT] &&
	    ro_sr_get_int(r, &c->w, a, A_SLOT, 1, RO_DAY_MIN,
			  RO_DEFAULT_SLOT_MIN, &v)) {
		sc->has_slot = true;
		sc->slot_min = (int32_t)v;
	}
}

static void on_policy(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_policy *p = &c->s->policy;
	struct ro_pol_over o;

	c->ld->pol_fresh = true;
	c->ld->rel_fresh = true;
	if (c->sc) {
		c->sc->has_policy = true;
		read_policy(c->r, &c->w, a, &c->sc->pol);
		return;
	}
	memset(&o, 0, sizeof o);
	read_policy(c->r, &c->w, a, &o);
	if (o.has_logon)
		p->logon = o.p.logon;
	if (o.has_delay)
		p->reboot_delay_min = o.p.reboot_delay_min;
	if (o.has_cap)
		p->reboot_cap = o.p.reboot_cap;
	if (o.has_adverts)
		p->expire_adverts = o.p.expire_adverts;
	if (o.has_control)
		p->control = o.p.control;
	if (o.has_logon_path)
		p->logon_path = o.p.logon_path;
	if (o.has_propagation)
		p->propagation_min = o.p.propagation_min;
	if (o.has_ras)
		p->ras_bps = o.p.ras_bps;
	if (o.has_defer)
		p->defer_allowed = o.p.defer_allowed;
}

static void on_release(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_policy *p = &c->s->policy;

	if (c->sc) {
		if (c->ld->rel_fresh) {
			/* the releases of this <policy> replace any before */
			c->sc->pol.p.nreleases = 0;
			c->sc->pol.has_releases = true;
		}
		p = &c->sc->pol.p;
	}
	add_release(c->r, &c->w, a, p);
	c->ld->rel_fresh = false;
}

/* use="choose|yes|no" (the schema allows nothing else); absent: choose. */
static enum ro_use use_of(const char *u)
{
	return !u ? RO_USE_CHOOSE
	       : strcmp(u, "yes") == 0 ? RO_USE_YES
	       : strcmp(u, "no") == 0 ? RO_USE_NO : RO_USE_CHOOSE;
}

static void on_user_group(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site_reader *r = c->r;
	const char *u = a->v[A_USE];
	enum ro_use use = use_of(u);

	if (c->sc) {
		struct ro_scen_group *g = PUSH(r, c->sc->groups, c->sc->ngroups);
		if (!g)
			return;
		g->id = ro_sr_intern(r, a->v[A_ID]);
		g->line = c->w.line;
		if (a->v[A_COMPLIANCE])
			g->has_compliance = ro_sr_get_frac(r, &c->w, a, A_COMPLIANCE,
							   RO_PPM, true,
							   &g->compliance_ppm);
		g->has_use = u != NULL;
		g->use = use;
		return;
	}
	struct ro_user_group *g = PUSH(r, c->s->groups, c->s->ngroups);
	if (!g)
		return;
	g->id = ro_sr_intern(r, a->v[A_ID]);
	g->line = c->w.line;
	ro_sr_get_frac(r, &c->w, a, A_COMPLIANCE, RO_PPM, true,
		       &g->compliance_ppm);
}

static void on_stay_on(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site *s = c->s;
	struct ro_user_group *g;
	const char *u = a->v[A_USE];
	bool ok;

	if (!s->ngroups)
		return;
	g = &s->groups[s->ngroups - 1];
	ok = ro_sr_get_time(c->r, &c->w, a, A_FROM, &g->stay_from);
	ok = ro_sr_get_time(c->r, &c->w, a, A_TO, &g->stay_to) && ok;
	if (!ok)
		return;
	if (g->stay_to <= g->stay_from) {
		ERR(c->r, c->w.file, c->w.line,
		    "stay-on ends before it starts (%s to %s); make to later "
		    "than from", a->v[A_FROM], a->v[A_TO]);
		return;
	}
	g->has_stay_on = true;
	g->stay_use = use_of(u);
}

static void on_reboot_window(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_policy *p = &c->s->policy;

	if (c->sc) {
		if (c->ld->pol_fresh) {
			/* the windows of this <policy> replace any before */
			c->sc->pol.p.nreboot_windows = 0;
			c->sc->pol.has_windows = true;
		}
		p = &c->sc->pol.p;
	}
	add_window(c->r, &c->w, a, &p->reboot_windows, &p->nreboot_windows);
	c->ld->pol_fresh = false;
}

static void on_profile(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_profile *p = c->sc ? PUSH(c->r, c->sc->profiles, c->sc->nprofiles)
				     : PUSH(c->r, c->s->profiles, c->s->nprofiles);

	if (p)
		read_profile_attrs(c->r, &c->w, a, p);
}

static void on_level(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_profile *v = c->sc ? c->sc->profiles : c->s->profiles;
	size_t n = c->sc ? c->sc->nprofiles : c->s->nprofiles;

	if (n)
		add_level(c->r, &c->w, a, &v[n - 1]);
}

static void on_calendar(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_calendar *cal =
		c->sc ? PUSH(c->r, c->sc->calendars, c->sc->ncalendars)
		      : PUSH(c->r, c->s->calendars, c->s->ncalendars);

	if (cal) {
		cal->id = ro_sr_intern(c->r, a->v[A_ID]);
		cal->line = c->w.line;
	}
}

/* The calendar an <on> or <exception> belongs to: the last one read. */
static struct ro_calendar *cur_calendar(struct elem_ctx *c)
{
	struct ro_calendar *v = c->sc ? c->sc->calendars : c->s->calendars;
	size_t n = c->sc ? c->sc->ncalendars : c->s->ncalendars;

	return n ? &v[n - 1] : NULL;
}

static void on_on(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_calendar *cal = cur_calendar(c);

	if (cal)
		add_window(c->r, &c->w, a, &cal->weekly, &cal->nweekly);
}

/* In a <calendar>, or directly in a <scenario>, naming a calendar of the
 * base site. */
static void on_exception(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_calendar *cal;
	struct ro_exception *x;

	if (c->par == E_SCENARIO) {
		struct ro_scen_exc *sx = PUSH(c->r, c->sc->exc, c->sc->nexc);
		if (sx) {
			sx->calendar = ro_sr_intern(c->r, a->v[A_CALENDAR]);
			add_exception(c->r, &c->w, a, &sx->e);
		}
		return;
	}
	cal = cur_calendar(c);
	if (cal && (x = PUSH(c->r, cal->exc, cal->nexc)))
		add_exception(c->r, &c->w, a, x);
}

static const char link_too_large[] =
	"a link above 1 Tbit/s is not plausible: the unit is kbit/s";

/* A scenario's <link>: what it overrides. */
static void scen_link(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site_reader *r = c->r;
	struct ro_scen_link *l = PUSH(r, c->sc->links, c->sc->nlinks);

	if (!l)
		return;
	l->id = ro_sr_intern(r, a->v[A_ID]);
	l->line = c->w.line;
	if (a->v[A_CAPACITY])
		l->has_capacity = ro_sr_get_dec(r, &c->w, a, A_CAPACITY, 1000,
						RO_MAX_CAPACITY_BPS, false,
						link_too_large, &l->capacity_bps);
	if (a->v[A_SHARE])
		l->has_share = ro_sr_get_frac(r, &c->w, a, A_SHARE,
					      RO_DEFAULT_SHARE_PPM, false,
					      &l->share_ppm);
	if (a->v[A_BACKGROUND]) {
		l->has_background = true;
		l->background = ro_sr_intern(r, a->v[A_BACKGROUND]);
	}
}

static void on_link(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site_reader *r = c->r;
	struct ro_site *s = c->s;

	struct ro_link *l;
	const char *k = a->v[A_KIND] ? a->v[A_KIND] : "lan";

	if (c->sc) {
		scen_link(c, a);
		return;
	}
	if (!ro_grow((void **)&r->plinks, s->nlinks, sizeof *r->plinks)) {
		r->oom = true;
		return;
	}
	l = PUSH(r, s->links, s->nlinks);
	if (!l)
		return;
	l->id = ro_sr_intern(r, a->v[A_ID]);
	l->line = c->w.line;
	l->parent = l->profile = -1;
	l->kind = strcmp(k, "wan") == 0 ? RO_LINK_WAN :
		  strcmp(k, "ras") == 0 ? RO_LINK_RAS : RO_LINK_LAN;
	ro_sr_get_dec(r, &c->w, a, A_CAPACITY, 1000, RO_MAX_CAPACITY_BPS, false,
		      link_too_large, &l->capacity_bps);
	ro_sr_get_frac(r, &c->w, a, A_SHARE, RO_DEFAULT_SHARE_PPM, false,
		       &l->share_ppm);
	r->plinks[s->nlinks - 1].parent = ro_sr_intern(r, a->v[A_PARENT]);
	r->plinks[s->nlinks - 1].background = ro_sr_intern(r, a->v[A_BACKGROUND]);
}

/* <cap> and <logon-point>; a scenario may override a cap only. */
static void on_server(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site_reader *r = c->r;
	struct ro_site *s = c->s;
	struct ro_server *sv;
	int64_t v;

	if (c->sc) {
		struct ro_scen_cap *cp = PUSH(r, c->sc->caps, c->sc->ncaps);
		if (!cp)
			return;
		cp->id = ro_sr_intern(r, a->v[A_ID]);
		cp->line = c->w.line;
		if (a->v[A_READY])
			cp->has_ready = ro_sr_get_time(r, &c->w, a, A_READY,
						       &cp->ready);
		if (a->v[A_MAXC] &&
		    ro_sr_get_int(r, &c->w, a, A_MAXC, 0, RO_MAX_CLIENTS, 0, &v)) {
			cp->has_max = true;
			cp->max_concurrent = (int32_t)v;
		}
		return;
	}
	if (!ro_grow((void **)&r->pservers, s->nservers, sizeof *r->pservers)) {
		r->oom = true;
		return;
	}
	sv = PUSH(r, s->servers, s->nservers);
	if (!sv)
		return;
	sv->id = ro_sr_intern(r, a->v[A_ID]);
	sv->line = c->w.line;
	sv->kind = c->e == E_CAP ? RO_SERVER_CAP : RO_SERVER_LOGON;
	sv->link = -1;
	r->pservers[s->nservers - 1].link = ro_sr_intern(r, a->v[A_LINK]);
	r->pservers[s->nservers - 1].has_ready =
		a->v[A_READY] && ro_sr_get_time(r, &c->w, a, A_READY, &sv->ready);
	if (ro_sr_get_int(r, &c->w, a, A_MAXC, 0, RO_MAX_CLIENTS, 0, &v))
		sv->max_concurrent = (int32_t)v;
}

static void on_payload(struct elem_ctx *c, const struct ro_attrs *a)
{
	c->r->payload_line = c->w.line;
	ro_sr_get_dec(c->r, &c->w, a, A_BASE, RO_MB, RO_MAX_SIZE_BYTES, true,
		      "a payload above 1 TiB is not plausible: the unit is MB",
		      &c->s->base_bytes);
}

static void on_component(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_site *s = c->s;
	struct ro_component *cp;

	if (s->ncomponents == RO_MAX_COMPONENTS) {
		ERR(c->r, c->w.file, c->w.line,
		    "component '%s': more than %d components; merge some",
		    a->v[A_ID] ? a->v[A_ID] : "", RO_MAX_COMPONENTS);
		return;
	}
	cp = PUSH(c->r, s->components, s->ncomponents);
	if (!cp)
		return;
	cp->id = ro_sr_intern(c->r, a->v[A_ID]);
	cp->line = c->w.line;
	ro_sr_get_dec(c->r, &c->w, a, A_SIZE, RO_MB, RO_MAX_SIZE_BYTES, false,
		      "a component above 1 TiB is not plausible: the unit is MB",
		      &cp->bytes);
}

/* <client> and <group> */
static void on_client(struct elem_ctx *c, const struct ro_attrs *a)
{
	ro_sr_add_client(c->r, c->w.file, c->r->file_off, c->w.line, a,
			 c->e == E_GROUP);
}

static void on_inventory(struct elem_ctx *c, const struct ro_attrs *a)
{
	ro_sr_read_inventory(c->r, c->w.line, a->v[A_FILE]);
}

static void on_scenario(struct elem_ctx *c, const struct ro_attrs *a)
{
	struct ro_scenario *n = PUSH(c->r, c->r->scen, c->r->nscen);

	if (n) {
		n->id = ro_sr_intern(c->r, a->v[A_ID]);
		n->line = c->w.line;
	}
}

#define UNDER(e) (1u << (e))

/* What each element does and where: a handler runs only directly under
 * one of its parents, in the base site (base) or inside a <scenario>
 * (scen; 0: a scenario has no such element).  Elements without a handler
 * only contain others.  Elsewhere the schema rejects the document, whose
 * records are then dropped anyway. */
static const struct elem_def {
	void (*start)(struct elem_ctx *c, const struct ro_attrs *a);
	unsigned base, scen;
} elem_defs[E_N] = {
	[E_SITE] = { on_site, UNDER(E_UNKNOWN), 0 },
	[E_HORIZON] = { on_horizon, UNDER(E_SITE), UNDER(E_SCENARIO) },
	[E_POLICY] = { on_policy, UNDER(E_SITE), UNDER(E_SCENARIO) },
	[E_REBOOT_WINDOW] = { on_reboot_window, UNDER(E_POLICY),
			      UNDER(E_POLICY) },
	[E_PROFILE] = { on_profile, UNDER(E_PROFILES), UNDER(E_SCENARIO) },
	[E_LEVEL] = { on_level, UNDER(E_PROFILE), UNDER(E_PROFILE) },
	[E_CALENDAR] = { on_calendar, UNDER(E_CALENDARS), UNDER(E_SCENARIO) },
	[E_ON] = { on_on, UNDER(E_CALENDAR), UNDER(E_CALENDAR) },
	[E_EXCEPTION] = { on_exception, UNDER(E_CALENDAR),
			  UNDER(E_CALENDAR) | UNDER(E_SCENARIO) },
	[E_LINK] = { on_link, UNDER(E_NETWORK), UNDER(E_SCENARIO) },
	[E_CAP] = { on_server, UNDER(E_SERVERS), UNDER(E_SCENARIO) },
	[E_LOGON_POINT] = { on_server, UNDER(E_SERVERS), 0 },
	[E_PAYLOAD] = { on_payload, UNDER(E_SITE), 0 },
	[E_COMPONENT] = { on_component, UNDER(E_PAYLOAD), 0 },
	[E_CLIENT] = { on_client, UNDER(E_CLIENTS), 0 },
	[E_GROUP] = { on_client, UNDER(E_CLIENTS), 0 },
	[E_INVENTORY] = { on_inventory, UNDER(E_CLIENTS), 0 },
	[E_SCENARIO] = { on_scenario, UNDER(E_SCENARIOS), 0 },
	[E_RELEASE] = { on_release, UNDER(E_POLICY), UNDER(E_POLICY) },
	[E_USER_GROUP] = { on_user_group, UNDER(E_USER_GROUPS),
			   UNDER(E_SCENARIO) },
	[E_STAY_ON] = { on_stay_on, UNDER(E_USER_GROUP), 0 },
};

/* One element start at depth dep: its handler, if it is where one runs. */
static void on_element(struct load *ld, enum elem e, int dep, const char *file,
		       long line, const struct ro_attrs *a)
{
	const struct elem_def *d = &elem_defs[e];
	bool in_scen = dep >= 3 && ld->stack[2] == E_SCENARIO &&
		       ld->stack[1] == E_SCENARIOS;
	struct elem_ctx c = {
		.ld = ld, .r = &ld->r, .s = ld->r.s, .e = e, .dep = dep,
		.par = dep > 0 ? ld->stack[dep - 1] : E_UNKNOWN,
		.sc = in_scen ? cur_scen(&ld->r) : NULL,
		.w = { file, line, elem_names[e], a->v[A_ID] },
	};

	assert(e < E_N && dep >= 0 && dep < RO_XML_MAX_DEPTH);
	if (!d->start || (in_scen && !c.sc))
		return;
	if (UNDER(c.par) & (in_scen ? d->scen : d->base))
		d->start(&c, a);
}

void ro_sr_release(struct ro_site_reader *r)
{
	for (size_t i = 0; i < r->nscen; i++) {
		struct ro_scenario *sc = &r->scen[i];
		for (size_t k = 0; k < sc->nprofiles; k++)
			ro_free(sc->profiles[k].levels);
		for (size_t k = 0; k < sc->ncalendars; k++) {
			ro_free(sc->calendars[k].weekly);
			ro_free(sc->calendars[k].exc);
		}
		ro_free(sc->profiles);
		ro_free(sc->calendars);
		ro_free(sc->exc);
		ro_free(sc->links);
		ro_free(sc->caps);
		ro_free(sc->pol.p.reboot_windows);
		ro_free(sc->pol.p.releases);
		ro_free(sc->groups);
	}
	ro_free(r->scen);
	ro_free(r->itab);
	ro_free(r->plinks);
	ro_free(r->pservers);
	ro_free(r->pclients);
}

/* Copies the entries of from into to. */
static void diag_move(struct ro_diag *to, struct ro_diag *from)
{
	for (size_t i = 0; i < from->n; i++)
		ro_diag_add(to, from->v[i].file, from->v[i].line, "%s",
			    from->v[i].msg);
	to->dropped += from->dropped;
	if (from->oom)
		to->oom = 1;
	ro_diag_release(from);
}

static int load(const char *buf, size_t len, const char *name,
		const char *scenario, struct ro_site **out, struct ro_diag *d)
{
	const char *file = name ? name : "(memory)";
	struct ro_xml_errors errs;
	struct ro_diag sem;
	struct load *ld;
	xmlTextReaderPtr xr = NULL;
	xmlSchemaPtr xs;
	int rc, ret;
	bool too_deep = false, dtd = false;

	ro_xml_init();
	rc = ro_xml_prescan(buf, len, file, d);
	if (rc != RO_OK)
		return rc;
	if (len == 0) {
		ro_diag_add(d, file, 1, "the file is empty; it needs a <site> element");
		return RO_EPARSE;
	}
	if (len > RO_XML_MAX_BYTES || len > (size_t)INT32_MAX) {
		ro_diag_add(d, file, 0, "file is larger than %u bytes; split the site",
			    RO_XML_MAX_BYTES);
		return RO_ELIMIT;
	}
	rc = ro_xml_schema_get("site.xsd", &xs, d);
	if (rc != RO_OK)
		return rc;
	ld = ro_calloc(1, sizeof *ld);
	if (!ld)
		return RO_ENOMEM;
	ro_diag_init(&sem);
	ld->r.d = &sem;
	ld->r.name = name;
	ld->r.s = ro_site_new();
	if (!ld->r.s) {
		rc = RO_ENOMEM;
		goto out_free;
	}
	/* a site file describes an SMS 2.0 site: its levers, not per-client
	 * starts, are what the administrator controls (docs/semantics.md) */
	ld->r.s->policy.control = RO_CONTROL_SMS20;
	ld->r.file_off = ro_sr_intern(&ld->r, file);
	ld->r.s->file = ld->r.file_off;

	ro_xml_errors_init(&errs, d, file);
	rc = ro_xml_reader_new(buf, len, &errs, &xr);
	if (rc != RO_OK)
		goto out_free;
	if (xmlTextReaderSetSchema(xr, xs) != 0) {
		ro_diag_rewind(d, errs.mark);
		rc = RO_ENOMEM;
		goto out_free;
	}
	/* with a schema plugged in, libxml2 2.9 sends parser errors past the
	 * reader's handler to the global one: catch them there too */
	xmlSetStructuredErrorFunc(&errs, ro_xml_error_handler);
	while ((ret = xmlTextReaderRead(xr)) == 1) {
		int type = xmlTextReaderNodeType(xr);
		int dep;
		struct ro_attrs a;

		if (type == XML_READER_TYPE_DOCUMENT_TYPE) {
			dtd = true;
			break;
		}
		if (type != XML_READER_TYPE_ELEMENT)
			continue;
		dep = xmlTextReaderDepth(xr);
		if (dep < 0 || dep >= RO_XML_MAX_DEPTH) {
			ro_diag_add(d, file, element_line(xr),
				    "elements nested deeper than %d; flatten the document",
				    RO_XML_MAX_DEPTH);
			too_deep = true;
			break;
		}
		int code = cached_code(&ld->elems, xmlTextReaderConstLocalName(xr),
				       elem_names, E_N);
		enum elem e = code < 0 ? E_UNKNOWN : (enum elem)code;
		ld->stack[dep] = e;
		if (!read_attrs(ld, xr, &a)) {
			ld->r.oom = true;
			break;
		}
		on_element(ld, e, dep, file, element_line(xr), &a);
		if (ld->r.oom)
			break;
	}
	xmlSetStructuredErrorFunc(NULL, NULL);
	/* an allocation failure first, whatever libxml2 made of it (values
	 * emptied, input cut short, "failed to create a regex context") */
	rc = ro_xml_errors_check(&errs);
	if (rc == RO_ENOMEM || ld->r.oom) {
		ro_diag_rewind(d, errs.mark);
		rc = RO_ENOMEM;
	} else if (dtd || errs.dtd) {
		/* only when the prescan let it through: the reader's node type,
		 * or an error inside the declarations */
		ro_diag_rewind(d, errs.mark);
		ro_diag_add(d, file, 1, "DTD not allowed; remove the <!DOCTYPE>");
		rc = RO_EPARSE;
	} else if (too_deep || rc == RO_ELIMIT) {
		rc = RO_ELIMIT;
	} else if (ret != 0 || errs.nerr > 0 || xmlTextReaderIsValid(xr) != 1) {
		/* well-formedness errors make ret -1; schema errors only count */
		if (errs.nerr == 0)
			ro_diag_add(d, file, 0, "the file does not follow site.xsd");
		rc = ret != 0 ? RO_EPARSE : RO_ESCHEMA;
	} else {
		ro_sr_finish(&ld->r, scenario);
		if (ld->r.oom)
			rc = RO_ENOMEM;
		else if (ld->r.limit)
			rc = RO_ELIMIT;
		else if (ro_diag_count(&sem) > 0)
			rc = RO_EINVAL;
		else
			rc = RO_OK;
		ro_diag_sort(&sem);
		diag_move(d, &sem);
	}
out_free:
	xmlFreeTextReader(xr);
	ro_diag_release(&sem);
	ro_sr_release(&ld->r);
	if (rc == RO_OK)
		*out = ld->r.s;
	else
		ro_site_free(ld->r.s);
	ro_free(ld->scratch);
	ro_free(ld);
	return rc;
}

int ro_site_load_memory(const char *buf, size_t len, const char *name,
			const char *scenario, struct ro_site **out,
			struct ro_diag *d)
{
	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!buf || !d)
		return RO_EARG;
	return load(buf, len, name, scenario, out, d);
}

int ro_site_load(const char *path, const char *scenario, struct ro_site **out,
		 struct ro_diag *d)
{
	char *buf;
	size_t len;
	int rc;

	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!path || !d)
		return RO_EARG;
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK)
		return rc;
	rc = load(buf, len, path, scenario, out, d);
	ro_free(buf);
	return rc;
}
