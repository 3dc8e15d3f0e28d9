/*
 * schedule_read.c - loading a schedule into a plan for a site.
 *
 * The file is read and parsed through io/xmlsafe.c and validated against
 * the embedded schedule.xsd; then each <client>/<unplaced> is mapped to the
 * expanded index of the site's client of that id.  What the file states
 * beyond the plan itself (makespan, bytes per link and slot) is kept in the
 * plan for the verifier to compare with its recomputation, so a schedule
 * edited by hand, or written for another version of the site, is caught.
 */
#include "schedule.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/strmap.h"
#include "xmlsafe.h"

#define VAL_LEN 512

struct rd {
	const struct ro_site *s;
	const char *file;
	struct ro_diag *d;
	struct ro_plan *p;
	struct ro_strmap *clients, *links;
	char *names;        /* every client name, NUL-separated (map keys) */
	int32_t *line;      /* per client: line where listed, 0: not yet */
	int nerr;
	int oom;
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
	r->line = ro_calloc(r->p->n ? r->p->n : 1, sizeof *r->line);
	if (!r->names || !r->clients || !r->links || !r->line)
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
	return RO_OK;
}

/* A date-time attribute that must be the start of a slot of the horizon;
 * returns the slot or -1 (reported). */
static int32_t slot_at(struct rd *r, xmlNodePtr n, const char *what,
		       const char *attr_name)
{
	const struct ro_horizon *h = &r->s->horizon;
	char buf[VAL_LEN];
	ro_time t;

	if (!prop(n, attr_name, buf, sizeof buf) || !ro_time_parse(buf, &t)) {
		err(r, n, "%s has no valid '%s' date-time", what, attr_name);
		return -1;
	}
	if (t < h->start || t >= h->start + (ro_time)h->nslots * h->slot_min) {
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
			prop_double(n, "time-limit", &p->info.time_limit);
			prop_double(n, "gap", &p->info.gap);
		} else if (is(n, "solver")) {
			if (prop(n, "status", buf, sizeof buf) &&
			    ro_status_parse(buf) >= 0)
				p->status = (enum ro_status)ro_status_parse(buf);
			if (prop_double(n, "solve-seconds",
					&p->info.solve_seconds))
				p->info.show_time = true;
		} else if (is(n, "stage") && p->nstages < 4) {
			struct ro_stage *st = &p->stages[p->nstages++];
			if (prop(n, "name", buf, sizeof buf) &&
			    strlen(buf) < sizeof st->name)
				strcpy(st->name, buf);
			st->maximise = prop(n, "sense", buf, sizeof buf) &&
				       strcmp(buf, "maximise") == 0;
			prop_double(n, "value", &st->value);
			st->has_bound = prop_double(n, "bound", &st->bound);
		} else if (is(n, "summary")) {
			if (prop_ll(n, "makespan-slots", &v) && v >= 0 &&
			    v <= INT32_MAX)
				p->stated_makespan = (int32_t)v;
			if (prop_double(n, "peak-utilisation",
					&p->stated_peak_util))
				p->has_stated_peak = true;
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
		if (prop(n, "trigger", buf, sizeof buf)) {
			for (unsigned b = RO_TRIG_CCIM; b <= RO_TRIG_PUSH; b <<= 1)
				if (strcmp(buf, ro_trigger_name(b)) == 0)
					trig = b;
		}
		if (!trig) {
			err(r, n, "client '%s' has no valid trigger", name);
			continue;
		}
		p->a[i].start = t;
		p->a[i].trigger = (uint8_t)trig;
		p->a[i].reason = RO_REASON_NONE;
	}
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
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (!is(c, "slot"))
				continue;
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
			if (prop_ll(c, "bytes", &bytes) && bytes >= 0)
				r->p->stated_load[(size_t)l * (size_t)T +
						  (size_t)t] = bytes;
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

int ro_schedule_read(const struct ro_site *s, const char *path,
		     struct ro_plan **out, struct ro_diag *d)
{
	struct rd r;
	struct ro_diag_mark mark;
	long failures0;
	char *buf = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	xmlNodePtr root, n;
	size_t cells;
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

	ro_xml_init();
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, d);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_parse(buf, len, path, &doc, d);
	ro_free(buf);
	if (rc != RO_OK)
		return rc;
	rc = ro_xml_validate(doc, "schedule.xsd", path, d);
	if (rc != RO_OK)
		goto out_free_doc;
	root = xmlDocGetRootElement(doc);
	if (!root || !is(root, "schedule")) {
		ro_diag_add(d, path, root ? line_of(root) : 0,
			    "the document is not a schedule (root element "
			    "'%s'); give a file written by rollout plan",
			    root ? (const char *)root->name : "");
		rc = RO_ESCHEMA;
		goto out_free_doc;
	}

	rc = RO_ENOMEM;
	r.p = ro_plan_new(s);
	if (!r.p)
		goto out_free_doc;
	cells = s->nlinks * (size_t)s->horizon.nslots;
	r.p->stated_load = ro_malloc((cells ? cells : 1) *
				     sizeof *r.p->stated_load);
	if (!r.p->stated_load || build_maps(&r) != RO_OK)
		goto out_free;
	/* -1: not stated by the file; the verifier skips those */
	for (size_t j = 0; j < cells; j++)
		r.p->stated_load[j] = -1;

	xmlNodePtr clients = NULL;
	for (n = root->children; n; n = n->next) {
		if (is(n, "header")) {
			read_header(&r, n);
		} else if (is(n, "clients")) {
			clients = n;
			read_clients(&r, n);
		} else if (is(n, "links")) {
			read_links(&r, n);
		}
	}
	if (clients)
		report_missing(&r, clients);
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
	ro_free(r.names);
	ro_free(r.line);
out_free_doc:
	xmlFreeDoc(doc);
	return rc;
}
