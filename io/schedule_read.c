/*
 * schedule_read.c - loading a schedule into a plan for a site.
 *
 * The file is read and parsed through io/xmlsafe.c and validated against
 * the embedded schedule.xsd; then each <client>/<unplaced> is mapped to the
 * expanded index of the site's client of that id.  The plan is rebuilt from
 * the start slots, triggers and reasons alone.  Everything else the file
 * states (the summary, each client's end, transfer end, length, bytes, CAP
 * and reboot times, the actions, the figures per link and slot) is kept in
 * plan->stated for the verifier to compare with its own recomputation, so a
 * schedule edited by hand, or written for another version of the site, is
 * caught.  Ids the site does not have are the reader's errors; wrong
 * figures are the verifier's violations.
 */
#include "schedule.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/forecast.h"
#include "../model/strmap.h"
#include "xmlsafe.h"

#define VAL_LEN 512

struct rd {
	const struct ro_site *s;
	const char *file;
	struct ro_diag *d;
	struct ro_plan *p;
	struct ro_strmap *clients, *links, *servers;
	char *names;        /* every client name, NUL-separated (map keys) */
	int32_t *line;      /* per client: line where listed, 0: not yet */
	long *link_line;    /* per link: line of its <link>, 0: not yet */
	int nerr;
	int oom;
	/* allocated lengths of the growing arrays of plan->stated */
	size_t cap_reboot, cap_action, cap_client_of, cap_lslot;
	bool sms20;         /* an SMS 2.0 schedule (header options) */
	struct ro_strmap *groups;
};

static bool is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	       strcmp((const char *)n->name, name) == 0;
}

/* The line of element n, also past line 65,535. */
static long line_of(xmlNodePtr n)
{
	return ro_xml_node_line(n);
}

/* Copies attribute name of n into buf; false when absent or too long.
 * The value is read where the parser left it, one text node, without the
 * allocation xmlGetProp makes: its failure would pass for a missing
 * attribute.  (Anything else allocates, and ro_schedule_read checks the
 * failure count.) */
static bool prop(xmlNodePtr n, const char *name, char *buf, size_t size)
{
	xmlAttrPtr a = xmlHasProp(n, BAD_CAST name);
	xmlChar *copy = NULL;
	const xmlChar *v;
	bool ok = false;

	if (!a)
		return false;
	if (!a->children)
		v = BAD_CAST "";
	else if (a->children->type == XML_TEXT_NODE && !a->children->next &&
		 a->children->content)
		v = a->children->content;
	else
		v = copy = xmlNodeListGetString(n->doc, a->children, 1);
	if (v) {
		size_t len = strlen((const char *)v);
		if (len < size) {
			memcpy(buf, v, len + 1);
			ok = true;
		}
	}
	xmlFree(copy);
	return ok;
}

static bool prop_ll(xmlNodePtr n, const char *name, long long *out)
{
	char buf[64], *end;
	long long v;

	if (!prop(n, name, buf, sizeof buf))
		return false;
	errno = 0;
	v = strtoll(buf, &end, 10);
	if (errno || end == buf || *end)
		return false;
	*out = v;
	return true;
}

static bool prop_double(xmlNodePtr n, const char *name, double *out)
{
	char buf[64], *end;

	if (!prop(n, name, buf, sizeof buf))
		return false;
	*out = strtod(buf, &end);
	return end != buf && *end == '\0';
}

static void err(struct rd *r, xmlNodePtr n, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void err_at(struct rd *r, long line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;
static void err_at(struct rd *r, long line, const char *fmt, ...)
{
	va_list ap;

	r->nerr++;
	va_start(ap, fmt);
	ro_diag_vadd(r->d, r->file, line, fmt, ap);
	va_end(ap);
}

static void err(struct rd *r, xmlNodePtr n, const char *fmt, ...)
{
	va_list ap;

	r->nerr++;
	va_start(ap, fmt);
	ro_diag_vadd(r->d, r->file, n ? line_of(n) : 0, fmt, ap);
	va_end(ap);
}

/* The map from client names to expanded indices, keys in r->names. */
static int build_maps(struct rd *r)
{
	const struct ro_site *s = r->s;
	char buf[VAL_LEN];
	size_t total = 0, off = 0;

	for (size_t i = 0; i < s->nclients; i++)
		for (int32_t k = 0; k < s->clients[i].count; k++)
			total += strlen(ro_client_name(s, i, k, buf, sizeof buf)) + 1;
	r->names = ro_malloc(total ? total : 1);
	r->clients = ro_strmap_new(r->p->n);
	r->links = ro_strmap_new(s->nlinks);
	r->servers = ro_strmap_new(s->nservers);
	r->line = ro_calloc(r->p->n ? r->p->n : 1, sizeof *r->line);
	r->link_line = ro_calloc(s->nlinks ? s->nlinks : 1,
				 sizeof *r->link_line);
	if (!r->names || !r->clients || !r->links || !r->servers || !r->line ||
	    !r->link_line)
		return RO_ENOMEM;
	for (size_t i = 0; i < s->nclients; i++)
		for (int32_t k = 0; k < s->clients[i].count; k++) {
			char *key = r->names + off;
			ro_client_name(s, i, k, buf, sizeof buf);
			strcpy(key, buf);
			off += strlen(buf) + 1;
			/* a duplicate name is the site reader's error; the
			 * first client of that name wins here */
			if (ro_strmap_put(r->clients, key,
					  (int32_t)(r->p->first[i] + k), NULL) < 0)
				return RO_ENOMEM;
		}
	for (size_t l = 0; l < s->nlinks; l++)
		if (ro_strmap_put(r->links, ro_site_str(s, s->links[l].id),
				  (int32_t)l, NULL) < 0)
			return RO_ENOMEM;
	for (size_t v = 0; v < s->nservers; v++)
		if (ro_strmap_put(r->servers, ro_site_str(s, s->servers[v].id),
				  (int32_t)v, NULL) < 0)
			return RO_ENOMEM;
	if (!(r->groups = ro_strmap_new(s->ngroups)))
		return RO_ENOMEM;
	for (size_t g = 0; g < s->ngroups; g++)
		if (ro_strmap_put(r->groups, ro_site_str(s, s->groups[g].id),
				  (int32_t)g, NULL) < 0)
			return RO_ENOMEM;
	return RO_OK;
}

/* A date-time attribute anywhere in time (a claim to compare, not a slot);
 * false, reported, when absent or not a date. */
static bool time_at(struct rd *r, xmlNodePtr n, const char *what,
		    const char *attr_name, ro_time *out)
{
	char buf[VAL_LEN];

	if (!prop(n, attr_name, buf, sizeof buf) || !ro_time_parse(buf, out)) {
		err(r, n, "%s has no valid '%s' date-time", what, attr_name);
		return false;
	}
	return true;
}

/* A ratio written with four decimals ("0.7282", the XSD's pattern) as an
 * exact integer x 10^4; false when absent or too large. */
static bool prop_ratio4(xmlNodePtr n, const char *name, int64_t *out)
{
	char buf[64], *dot, *end;
	long long ip, fp;

	if (!prop(n, name, buf, sizeof buf) || !(dot = strchr(buf, '.')) ||
	    strlen(dot + 1) != 4)
		return false;
	*dot = '\0';
	errno = 0;
	ip = strtoll(buf, &end, 10);
	if (errno || end == buf || *end || ip < 0 ||
	    ip > INT64_MAX / 10000 - 1)
		return false;
	fp = strtoll(dot + 1, &end, 10);
	if (*end || fp < 0)
		return false;
	*out = ip * 10000 + fp;
	return true;
}

/* Makes room for one more element in *v (n used, *cap allocated);
 * false, with r->oom set, on allocation failure. */
static bool grow(struct rd *r, void **v, size_t n, size_t *cap, size_t size)
{
	void *nv;
	size_t nc;

	if (n < *cap)
		return true;
	nc = *cap ? *cap * 2 : 16;
	nv = ro_reallocarray(*v, nc, size);
	if (!nv) {
		r->oom = 1;
		return false;
	}
	*v = nv;
	*cap = nc;
	return true;
}

static bool push_reboot(struct rd *r, ro_time t, long line)
{
	struct ro_stated *st = r->p->stated;

	if (!grow(r, (void **)&st->reboot, st->nreboot, &r->cap_reboot,
		  sizeof *st->reboot))
		return false;
	st->reboot[st->nreboot].at = t;
	st->reboot[st->nreboot++].line = line;
	return true;
}

/* A date-time attribute that must be the start of a slot of the horizon;
 * returns the slot or -1 (reported). */
/* The slot of the time attr_name of n: on the slot grid, inside the
 * horizon, or (SMS 2.0, whose forecast runs on) inside the horizon and the
 * week after it; -1 (reported) otherwise. */
static int32_t slot_at(struct rd *r, xmlNodePtr n, const char *what,
		       const char *attr_name)
{
	const struct ro_horizon *h = &r->s->horizon;
	char buf[VAL_LEN];
	ro_time t, end = h->start + (ro_time)h->nslots * h->slot_min;

	if (!prop(n, attr_name, buf, sizeof buf) || !ro_time_parse(buf, &t)) {
		err(r, n, "%s has no valid '%s' date-time", what, attr_name);
		return -1;
	}
	if (r->sms20)
		end += RO_WEEK_MIN + h->slot_min;
	if (t < h->start || t >= end) {
		err(r, n, "%s %s '%s' is outside the horizon of the site", what,
		    attr_name, buf);
		return -1;
	}
	if ((t - h->start) % h->slot_min != 0) {
		err(r, n, "%s %s '%s' is not on a slot boundary (slots of %d "
		    "minutes from the horizon start)", what, attr_name, buf,
		    (int)h->slot_min);
		return -1;
	}
	return (int32_t)((t - h->start) / h->slot_min);
}

/* An xs:double attribute of the header that must be a number: the XSD
 * lets NaN and INF through, which no solver reports and every figure
 * computed from them (a gap, a comparison) would carry on silently.
 * Absent: false, unreported; not finite: false, reported. */
static bool finite_at(struct rd *r, xmlNodePtr n, const char *what,
		      const char *attr_name, double *out)
{
	char buf[64];
	double v;

	if (!prop_double(n, attr_name, &v))
		return false;
	if (isfinite(v)) {
		*out = v;
		return true;
	}
	prop(n, attr_name, buf, sizeof buf);
	err(r, n, "%s %s '%s' is not a finite number; write a number such as "
	    "12 or 0.25, or plan again", what, attr_name, buf);
	return false;
}

static void read_header(struct rd *r, xmlNodePtr hdr)
{
	const struct ro_site *s = r->s;
	struct ro_plan *p = r->p;
	char buf[VAL_LEN], t1[RO_TIME_BUFSZ];
	long long v;

	for (xmlNodePtr n = hdr->children; n; n = n->next) {
		if (is(n, "horizon")) {
			ro_time start = 0;
			long long len = 0, T = 0;
			if (!prop(n, "start", buf, sizeof buf) ||
			    !ro_time_parse(buf, &start) ||
			    !prop_ll(n, "slot-minutes", &len) ||
			    !prop_ll(n, "slots", &T) ||
			    start != s->horizon.start ||
			    len != s->horizon.slot_min ||
			    T != s->horizon.nslots)
				err(r, n, "the schedule horizon does not match "
				    "the site (start %s, %d slots of %d "
				    "minutes); plan again for this site",
				    ro_time_format(s->horizon.start, t1),
				    (int)s->horizon.nslots,
				    (int)s->horizon.slot_min);
		} else if (is(n, "options")) {
			if (prop(n, "objective", buf, sizeof buf) &&
			    strlen(buf) < sizeof p->info.objective)
				strcpy(p->info.objective, buf);
			if (prop(n, "deadline", buf, sizeof buf) &&
			    ro_time_parse(buf, &p->info.deadline))
				p->info.has_deadline = true;
			finite_at(r, n, "<options>", "time-limit",
				  &p->info.time_limit);
			finite_at(r, n, "<options>", "gap", &p->info.gap);
		} else if (is(n, "solver")) {
			if (prop(n, "status", buf, sizeof buf) &&
			    ro_status_parse(buf) >= 0)
				p->status = (enum ro_status)ro_status_parse(buf);
			if (finite_at(r, n, "<solver>", "solve-seconds",
				      &p->info.solve_seconds))
				p->info.show_time = true;
		} else if (is(n, "stage") && p->nstages < 4) {
			struct ro_stage *st = &p->stages[p->nstages++];
			char what[sizeof st->name + 16];
			double gap;
			if (prop(n, "name", buf, sizeof buf) &&
			    strlen(buf) < sizeof st->name)
				strcpy(st->name, buf);
			st->maximise = prop(n, "sense", buf, sizeof buf) &&
				       strcmp(buf, "maximise") == 0;
			snprintf(what, sizeof what, "stage '%s'", st->name);
			finite_at(r, n, what, "value", &st->value);
			st->has_bound = finite_at(r, n, what, "bound", &st->bound);
			/* the gap is recomputed from value and bound when
			 * written; read only to refuse a NaN */
			finite_at(r, n, what, "gap", &gap);
		} else if (is(n, "summary")) {
			struct ro_stated *st = p->stated;
			ro_time at;
			st->summary_line = line_of(n);
			if (prop_ll(n, "placed", &v))
				st->placed = v;
			if (prop_ll(n, "unplaced", &v))
				st->unplaced = v;
			if (prop_ll(n, "placed-weight", &v))
				st->placed_weight = v;
			if (prop_ll(n, "completion-sum", &v))
				st->completion_sum = v;
			if (prop_ll(n, "makespan-slots", &v) && v >= 0)
				st->makespan_slots = v;
			if (time_at(r, n, "the summary", "makespan", &at))
				st->makespan_at = at;
			if (!prop_ratio4(n, "peak-utilisation", &st->peak4))
				st->peak4 = RO_UNSTATED;
			if (prop_ll(n, "clients", &v))
				st->clients = v;
			if (prop_ll(n, "after-horizon", &v))
				st->after_horizon = v;
			if (prop_ll(n, "overload-bytes", &v))
				st->overload = v;
			if (prop_ll(n, "ras-bytes", &v))
				st->ras_bytes = v;
			if (prop_ll(n, "triggers", &v))
				st->triggers = v;
		}
	}
}

/* Maps the id of n to an expanded index, reporting unknown and repeated
 * ids; -1 when n is to be skipped. */
static long client_index(struct rd *r, xmlNodePtr n, char *name)
{
	int32_t i;

	if (!prop(n, "id", name, VAL_LEN)) {
		err(r, n, "client has no valid 'id'");
		return -1;
	}
	i = ro_strmap_get(r->clients, name);
	if (i < 0) {
		err(r, n, "unknown client '%s': the site has no client of that "
		    "id", name);
		return -1;
	}
	if (r->line[i]) {
		err(r, n, "client '%s' is listed twice (first at line %ld)",
		    name, (long)r->line[i]);
		return -1;
	}
	r->line[i] = (int32_t)(line_of(n) > 0 && line_of(n) <= INT32_MAX
				       ? line_of(n) : 1);
	return i;
}

/* Keeps what <client> n of client i states besides its start and trigger:
 * the verifier compares it.  Returns RO_OK, or RO_EINVAL (reported) for a
 * CAP the site does not have or a time that is no date. */
static int read_claims(struct rd *r, xmlNodePtr n, size_t i, const char *name)
{
	struct ro_stated_client *c = &r->p->stated->client[i];
	char what[VAL_LEN + 16], buf[VAL_LEN];
	long long v;
	int32_t server;
	int nerr = r->nerr;

	snprintf(what, sizeof what, "client '%s'", name);
	memset(c, 0, sizeof *c);
	c->xfer_end = c->end = RO_UNSTATED;
	c->slots = c->bytes = RO_UNSTATED;
	time_at(r, n, what, "end", &c->end);
	if (prop(n, "transfer-end", buf, sizeof buf))
		time_at(r, n, what, "transfer-end", &c->xfer_end);
	if (prop_ll(n, "slots", &v))
		c->slots = v;
	if (prop_ll(n, "bytes", &v))
		c->bytes = v;
	server = prop(n, "cap", buf, sizeof buf)
		? ro_strmap_get(r->servers, buf) : -1;
	if (server < 0)
		err(r, n, "client '%s': unknown cap '%s': the site has no cap "
		    "of that id", name, buf);
	c->server = server;
	c->reboot0 = r->p->stated->nreboot;
	for (xmlNodePtr b = n->children; b; b = b->next) {
		ro_time at;
		if (!is(b, "reboot"))
			continue;
		snprintf(what, sizeof what, "client '%s' reboot", name);
		if (!time_at(r, b, what, "at", &at))
			continue;
		if (!push_reboot(r, at, line_of(b) > 0 ? line_of(b) : 1))
			return RO_ENOMEM;
		c->nreboots++;
	}
	if (r->nerr > nerr)
		return RO_EINVAL;
	c->line = line_of(n) > 0 ? line_of(n) : 1;
	return RO_OK;
}

static void read_clients(struct rd *r, xmlNodePtr list)
{
	struct ro_plan *p = r->p;
	char name[VAL_LEN], buf[VAL_LEN], what[VAL_LEN + 16];
	long long slot;

	for (xmlNodePtr n = list->children; n; n = n->next) {
		long i;
		if (is(n, "unplaced")) {
			i = client_index(r, n, name);
			if (i < 0)
				continue;
			int reason = prop(n, "reason", buf, sizeof buf)
				? ro_reason_parse(buf) : -1;
			if (reason < 0) {
				err(r, n, "client '%s' has no valid reason",
				    name);
				continue;
			}
			p->a[i].start = -1;
			p->a[i].reason = (uint8_t)reason;
			continue;
		}
		if (!is(n, "client"))
			continue;
		i = client_index(r, n, name);
		if (i < 0)
			continue;
		snprintf(what, sizeof what, "client '%s'", name);
		int32_t t = slot_at(r, n, what, "start");
		if (t < 0)
			continue;
		if (!prop_ll(n, "start-slot", &slot) || slot != t) {
			err(r, n, "client '%s' start-slot '%s' does not match "
			    "its start time (slot %d)", name,
			    prop(n, "start-slot", buf, sizeof buf) ? buf : "",
			    (int)t);
			continue;
		}
		unsigned trig = 0;
		if (r->sms20) {
			int cause = prop(n, "cause", buf, sizeof buf)
				? ro_cause_parse(buf) : -1;
			if (cause < 0) {
				err(r, n, "client '%s' has no valid cause", name);
				continue;
			}
			trig = (unsigned)cause;
		} else if (prop(n, "trigger", buf, sizeof buf)) {
			for (unsigned b = RO_TRIG_CCIM; b <= RO_TRIG_PUSH; b <<= 1)
				if (strcmp(buf, ro_trigger_name(b)) == 0)
					trig = b;
		}
		if (!trig) {
			err(r, n, "client '%s' has no valid trigger", name);
			continue;
		}
		if (read_claims(r, n, (size_t)i, name) != RO_OK)
			continue;
		p->a[i].start = t;
		p->a[i].trigger = (uint8_t)trig;
		p->a[i].reason = RO_REASON_NONE;
	}
}

/* An SMS 2.0 <slot>: any slot of the forecast on the grid. */
static void read_lslot(struct rd *r, xmlNodePtr c, int32_t l, const char *id)
{
	struct ro_stated *st = r->p->stated;
	struct ro_stated_lslot *ls;
	char what[VAL_LEN + 32];
	long long t, v;

	snprintf(what, sizeof what, "link '%s' slot", id);
	int32_t at = slot_at(r, c, what, "at");
	if (at < 0)
		return;
	if (!prop_ll(c, "t", &t) || t != at) {
		err(r, c, "link '%s' slot does not match its time (slot %d)", id,
		    (int)at);
		return;
	}
	if (!grow(r, (void **)&st->lslot, st->nlslot, &r->cap_lslot,
		  sizeof *st->lslot))
		return;
	ls = &st->lslot[st->nlslot++];
	ls->link = l;
	ls->t = at;
	ls->bytes = prop_ll(c, "bytes", &v) ? v : RO_UNSTATED;
	ls->usable = prop_ll(c, "usable", &v) ? v : RO_UNSTATED;
	ls->overload = prop_ll(c, "overload", &v) ? v : RO_UNSTATED;
	if (!prop_ratio4(c, "utilisation", &ls->util4))
		ls->util4 = -1;
	ls->line = line_of(c) > 0 ? line_of(c) : 1;
}

static void read_links(struct rd *r, xmlNodePtr list)
{
	const struct ro_site *s = r->s;
	const int32_t T = s->horizon.nslots;
	char id[VAL_LEN], what[VAL_LEN + 32];
	long long t, bytes;

	for (xmlNodePtr n = list->children; n; n = n->next) {
		if (!is(n, "link"))
			continue;
		int32_t l = prop(n, "id", id, sizeof id)
			? ro_strmap_get(r->links, id) : -1;
		if (l < 0) {
			err(r, n, "unknown link '%s': the site has no link of "
			    "that id", id);
			continue;
		}
		if (r->link_line[l]) {
			/* a second block would overwrite (per-client) or
			 * double (SMS 2.0) the figures of the first */
			err(r, n, "link '%s' is listed twice (first at line "
			    "%ld); keep one <link> block per link", id,
			    r->link_line[l]);
			continue;
		}
		r->link_line[l] = line_of(n) > 0 ? line_of(n) : 1;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (!is(c, "slot"))
				continue;
			if (r->sms20) {
				read_lslot(r, c, l, id);
				continue;
			}
			if (!prop_ll(c, "t", &t) || t < 0 || t >= T) {
				err(r, c, "link '%s' slot index is outside the "
				    "horizon (slots 0 to %d)", id, (int)T - 1);
				continue;
			}
			snprintf(what, sizeof what, "link '%s' slot %lld", id, t);
			int32_t at = slot_at(r, c, what, "at");
			if (at < 0)
				continue;
			if (at != t) {
				err(r, c, "link '%s' slot %lld does not match "
				    "its time (slot %d)", id, t, (int)at);
				continue;
			}
			size_t j = (size_t)l * (size_t)T + (size_t)t;
			struct ro_stated *st = r->p->stated;
			if (prop_ll(c, "bytes", &bytes) && bytes >= 0)
				st->load[j] = bytes;
			if (prop_ll(c, "usable", &bytes) && bytes >= 0)
				st->usable[j] = bytes;
			if (!prop_ratio4(c, "utilisation", &st->util4[j]))
				st->util4[j] = -1;
			st->slot_line[j] = (int32_t)(line_of(c) > 0 &&
						     line_of(c) <= INT32_MAX
						     ? line_of(c) : 1);
		}
	}
}

/* The actions in file order, with their listed clients as expanded
 * indices; an id the site does not have is an error.  What the actions
 * mean, and whether they fit the plan, is the verifier's business. */
static void read_actions(struct rd *r, xmlNodePtr list)
{
	static const struct {
		const char *elem;
		enum ro_action_kind kind;
	} kinds[] = {
		{ "expire-advertisements", RO_ACT_EXPIRE },
		{ "disable-logon-scripts", RO_ACT_LOGON_OFF },
		{ "enable-logon-scripts", RO_ACT_LOGON_ON },
		{ "push", RO_ACT_PUSH },
		{ "reenable-advertisements", RO_ACT_REENABLE },
		{ "apply-service-pack", RO_ACT_APPLY },
		{ "instruct-users", RO_ACT_INSTRUCT },
		{ "trigger", RO_ACT_TRIGGER },
		{ "restart-reminder", RO_ACT_RESTART },
	};
	struct ro_stated *st = r->p->stated;
	char what[VAL_LEN + 64], buf[VAL_LEN], t1[RO_TIME_BUFSZ];

	for (xmlNodePtr n = list->children; n; n = n->next) {
		struct ro_stated_action *a;
		size_t k;
		ro_time at;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (k = 0; k < sizeof kinds / sizeof *kinds; k++)
			if (is(n, kinds[k].elem))
				break;
		if (k == sizeof kinds / sizeof *kinds)
			continue;   /* the XSD lets nothing else through */
		snprintf(what, sizeof what, "<%s>", kinds[k].elem);
		if (!time_at(r, n, what, "at", &at))
			continue;
		if (!grow(r, (void **)&st->action, st->naction,
			  &r->cap_action, sizeof *st->action))
			return;
		a = &st->action[st->naction++];
		memset(a, 0, sizeof *a);
		a->kind = kinds[k].kind;
		a->at = at;
		a->line = line_of(n) > 0 ? line_of(n) : 1;
		a->scope_all = prop(n, "scope", buf, sizeof buf) &&
			       strcmp(buf, "all") == 0;
		a->group = -1;
		if (prop(n, "scope", buf, sizeof buf) &&
		    strcmp(buf, "ungrouped") == 0)
			a->group = (int32_t)r->s->ngroups;
		if (prop(n, "group", buf, sizeof buf)) {
			a->group = r->groups ? ro_strmap_get(r->groups, buf) : -1;
			if (a->group < 0)
				err(r, n, "%s: unknown user group '%s': the site "
				    "has no group of that id", what, buf);
		}
		a->ready = a->from = a->to = RO_UNSTATED;
		a->compliance4 = RO_UNSTATED;
		if (prop(n, "ready", buf, sizeof buf))
			time_at(r, n, what, "ready", &a->ready);
		if (prop(n, "from", buf, sizeof buf))
			time_at(r, n, what, "from", &a->from);
		if (prop(n, "to", buf, sizeof buf))
			time_at(r, n, what, "to", &a->to);
		if (!prop_ratio4(n, "compliance", &a->compliance4))
			a->compliance4 = RO_UNSTATED;
		a->client0 = st->nclient_of;
		for (xmlNodePtr c = n->children; c; c = c->next) {
			int32_t i;
			if (!is(c, "client"))
				continue;
			if (!prop(c, "id", buf, sizeof buf)) {
				err(r, c, "%s client has no valid 'id'", what);
				continue;
			}
			i = ro_strmap_get(r->clients, buf);
			if (i < 0) {
				err(r, c, "unknown client '%s' in %s at %s: the "
				    "site has no client of that id", buf, what,
				    ro_time_format(at, t1));
				continue;
			}
			if (!grow(r, (void **)&st->client_of, st->nclient_of,
				  &r->cap_client_of, sizeof *st->client_of))
				return;
			st->client_of[st->nclient_of++] = i;
			a->nclients++;
		}
	}
}

/* SMS 2.0: the levers, from the actions alone (docs/schedule-format.md):
 * the release, the groups told to stay on, the cohorts and the early
 * triggers.  Two of one lever is the reader's error; whether the levers
 * can be pulled, and what follows from them, is the verifier's. */
static void levers_from_actions(struct rd *r)
{
	const struct ro_site *s = r->s;
	struct ro_stated *st = r->p->stated;
	struct ro_plan_levers *lv = &r->p->lv;
	const struct ro_horizon *h = &s->horizon;
	char name[VAL_LEN], t1[RO_TIME_BUFSZ];
	long apply_line = 0;

	for (size_t k = 0; k < st->naction; k++) {
		const struct ro_stated_action *a = &st->action[k];
		switch (a->kind) {
		case RO_ACT_APPLY:
			if (apply_line) {
				err_at(r, a->line, "a second <apply-service-pack> "
				       "(the first at line %ld): a site is "
				       "released once", apply_line);
				break;
			}
			apply_line = a->line;
			lv->released = true;
			lv->release = a->at;
			break;
		case RO_ACT_INSTRUCT:
			if (a->group >= 0 && (size_t)a->group < s->ngroups) {
				if (lv->instructed[a->group])
					err_at(r, a->line, "group '%s' is told "
					       "twice to stay on",
					       ro_site_str(s, s->groups[a->group].id));
				lv->instructed[a->group] = true;
			}
			break;
		case RO_ACT_LOGON_ON:
			if (a->scope_all || a->group < 0)
				break;   /* the restore at the end */
			if (lv->cohort[a->group] != RO_NEVER)
				err_at(r, a->line, "logon scripts are enabled "
				       "twice for %s%s%s",
				       (size_t)a->group < s->ngroups ? "group '" : "",
				       (size_t)a->group < s->ngroups
					       ? ro_site_str(s, s->groups[a->group].id)
					       : "the users in no group",
				       (size_t)a->group < s->ngroups ? "'" : "");
			lv->cohort[a->group] = a->at;
			break;
		case RO_ACT_TRIGGER:
			if ((a->at - h->start) % h->slot_min != 0) {
				err_at(r, a->line, "<trigger> at %s is not on a "
				       "slot boundary (slots of %d minutes from "
				       "the horizon start)",
				       ro_time_format(a->at, t1),
				       (int)h->slot_min);
				break;
			}
			for (size_t j = 0; j < a->nclients; j++) {
				int64_t i = st->client_of[a->client0 + j];
				if (lv->trigger[i] != RO_NO_SLOT) {
					err_at(r, a->line, "client '%s' is "
					       "triggered twice",
					       ro_plan_client_name(r->p, s, (size_t)i,
								   name, sizeof name));
					continue;
				}
				lv->trigger[i] = (int32_t)((a->at - h->start) /
							   h->slot_min);
			}
			break;
		default:
			break;
		}
	}
}

static void report_missing(struct rd *r, xmlNodePtr list)
{
	const struct ro_site *s = r->s;
	char name[VAL_LEN];

	for (size_t i = 0; i < s->nclients; i++)
		for (int32_t k = 0; k < s->clients[i].count; k++) {
			size_t j = (size_t)(r->p->first[i] + k);
			if (!r->line[j])
				err(r, list, "client '%s' is missing from the "
				    "schedule",
				    ro_client_name(s, i, k, name, sizeof name));
		}
}

/* Whether the header's <options> say control="sms20". */
static bool is_sms20(xmlNodePtr root)
{
	char buf[32];

	for (xmlNodePtr h = root->children; h; h = h->next) {
		if (!is(h, "header"))
			continue;
		for (xmlNodePtr n = h->children; n; n = n->next)
			if (is(n, "options"))
				return prop(n, "control", buf, sizeof buf) &&
				       strcmp(buf, "sms20") == 0;
	}
	return false;
}

/* The <site> element of the header of a schedule document, or NULL. */
static xmlNodePtr header_site(xmlNodePtr root)
{
	for (xmlNodePtr h = root->children; h; h = h->next) {
		if (!is(h, "header"))
			continue;
		for (xmlNodePtr n = h->children; n; n = n->next)
			if (is(n, "site"))
				return n;
	}
	return NULL;
}

/* A schedule of another site would give dozens of misleading errors
 * (unknown clients, another horizon), so that is said first and alone. */
static int check_site(struct rd *r, xmlNodePtr root)
{
	const char *have = ro_site_str(r->s, r->s->name);
	xmlNodePtr n = header_site(root);
	char want[VAL_LEN];

	if (!n)
		return RO_OK;   /* the XSD requires it */
	if (!prop(n, "name", want, sizeof want))
		want[0] = '\0';   /* too long to be the site's */
	if (strcmp(want, have) == 0)
		return RO_OK;
	err(r, n, "schedule was planned for site '%s', not for site '%s'; "
	    "give the site file it was planned for, or plan again for this "
	    "site", want, have);
	return RO_EINVAL;
}

/* A schedule planned under another scenario than the one the site was
 * loaded with would mostly give misleading errors (another horizon, other
 * calendars, other policy), so that is said first and alone. */
static int check_scenario(struct rd *r, xmlNodePtr root)
{
	const struct ro_site *s = r->s;
	const char *have = s->scenario ? ro_site_str(s, s->scenario) : NULL;
	xmlNodePtr n = header_site(root);
	char want[VAL_LEN];
	bool stated;

	if (!n)
		return RO_OK;   /* the XSD requires it */
	stated = prop(n, "scenario", want, sizeof want);
	if (stated == (have != NULL) && (!stated || strcmp(want, have) == 0))
		return RO_OK;
	if (stated && have)
		err(r, n, "schedule was planned for scenario '%s', not for "
		    "scenario '%s'", want, have);
	else if (stated)
		err(r, n, "schedule was planned for scenario '%s', not for the "
		    "base site", want);
	else
		err(r, n, "schedule was planned for the base site, not for "
		    "scenario '%s'", have);
	return RO_EINVAL;
}

/* Reads, parses and validates path; *root is its <schedule> element. */
static int load_doc(const char *path, xmlDocPtr *doc, xmlNodePtr *root,
		    struct ro_diag *d)
{
	char *buf = NULL;
	size_t len = 0;
	int rc;

	*doc = NULL;
	*root = NULL;
	ro_xml_init();
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_parse(buf, len, path, doc, d);
	ro_free(buf);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_validate(*doc, "schedule.xsd", path, d);
	if (rc != RO_OK)
		goto out_free_doc;
	*root = xmlDocGetRootElement(*doc);
	if (!*root || !is(*root, "schedule")) {
		ro_diag_add(d, path, *root ? line_of(*root) : 0,
			    "the document is not a schedule (root element "
			    "'%s'); give a file written by rollout plan",
			    *root ? (const char *)(*root)->name : "");
		rc = RO_ESCHEMA;
		goto out_free_doc;
	}
	return RO_OK;

out_free_doc:
	xmlFreeDoc(*doc);
	*doc = NULL;
	*root = NULL;
	return rc;
}

int ro_schedule_read(const struct ro_site *s, const char *path,
		     struct ro_plan **out, struct ro_diag *d)
{
	struct rd r;
	struct ro_diag_mark mark;
	long failures0;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	int rc;

	if (out)
		*out = NULL;
	if (!s || !path || !out || !d) {
		if (d)
			ro_diag_add(d, NULL, 0, "cannot read the schedule: "
				    "invalid argument");
		return RO_EARG;
	}
	memset(&r, 0, sizeof r);
	r.s = s;
	r.file = path;
	r.d = d;
	mark = ro_diag_mark(d);
	failures0 = ro_alloc_failures();

	rc = load_doc(path, &doc, &root, d);
	if (rc != RO_OK)
		return rc;
	rc = check_site(&r, root);
	if (rc == RO_OK)
		rc = check_scenario(&r, root);
	if (rc != RO_OK)
		goto out_free_doc;

	rc = RO_ENOMEM;
	r.p = ro_plan_new(s);
	if (!r.p)
		goto out_free_doc;
	r.p->stated = ro_stated_new(r.p->n, s->nlinks, s->horizon.nslots);
	if (!r.p->stated || build_maps(&r) != RO_OK)
		goto out_free;
	r.sms20 = is_sms20(root);
	if (r.sms20) {
		if (ro_plan_set_sms20(r.p, s) != RO_OK)
			goto out_free;
		r.p->stated->sms20 = true;
	}

	xmlNodePtr clients = NULL;
	for (n = root->children; n; n = n->next) {
		if (is(n, "header")) {
			read_header(&r, n);
		} else if (is(n, "clients")) {
			clients = n;
			read_clients(&r, n);
		} else if (is(n, "actions")) {
			read_actions(&r, n);
		} else if (is(n, "links")) {
			read_links(&r, n);
		}
		if (r.oom)
			goto out_free;
	}
	if (clients)
		report_missing(&r, clients);
	if (r.sms20)
		levers_from_actions(&r);
	rc = r.nerr ? RO_EINVAL : RO_OK;

out_free:
	/* any allocation failure meanwhile, ours or libxml2's, and what it
	 * made look wrong in the file is not the file's fault */
	if (rc != RO_ENOMEM && ro_alloc_failures() != failures0)
		rc = RO_ENOMEM;
	if (rc == RO_ENOMEM) {
		ro_diag_rewind(d, mark);
		ro_diag_add(d, path, 0, "cannot read the schedule: out of "
			    "memory");
	}
	if (rc == RO_OK) {
		*out = r.p;
		r.p = NULL;
	}
	ro_plan_free(r.p);
	ro_strmap_free(r.clients);
	ro_strmap_free(r.links);
	ro_strmap_free(r.servers);
	ro_strmap_free(r.groups);
	ro_free(r.names);
	ro_free(r.line);
	ro_free(r.link_line);
out_free_doc:
	xmlFreeDoc(doc);
	return rc;
}
