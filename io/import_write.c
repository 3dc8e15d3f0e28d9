/*
 * import_write.c - the records of rollout import written out: into the
 * template's <clients>, or as a CSV inventory in rollout's own columns.
 *
 * The site form edits the template through libxml2's tree rather than
 * printing a new file, so that the template's comments, layout and own
 * clients survive; the new <client>s take the indentation of their
 * siblings.  Both forms list a record's attributes in one order
 * (rec_attrs), so the CSV columns and the XML attributes agree.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "import_priv.h"
#include "xmlsafe.h"
#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/site.h"

static const char *trig_text(uint8_t t, char *buf)
{
	buf[0] = '\0';
	if (t & RO_TRIG_CCIM)
		strcat(buf, "ccim");
	if (t & RO_TRIG_LOGON)
		strcat(buf, *buf ? " logon" : "logon");
	if (t & RO_TRIG_PUSH)
		strcat(buf, *buf ? " push" : "push");
	return buf;
}

/* The attributes of record r in output order, NULL values left out:
 * names[i], values[i]; returns their number. */
static int rec_attrs(const struct imp *im, const struct rec *r,
		     const char **names, const char **values, char *trig,
		     char *num1, char *num2)
{
	const struct ro_site *s = im->s;
	int n = 0;

#define PUT(nm, v) do { names[n] = (nm); values[n] = (v); n++; } while (0)
	PUT("id", r->id);
	PUT("user", r->user);
	PUT("os", ro_import_os_classes[r->os]);
	PUT("segment", ro_site_str(s, s->links[r->segment].id));
	PUT("cap", ro_site_str(s, s->servers[r->cap].id));
	PUT("calendar", ro_site_str(s, s->calendars[r->calendar].id));
	PUT("triggers", trig_text(r->triggers, trig));
	PUT("connection", r->ras ? "ras" : NULL);
	PUT("office", r->ras ? ro_site_str(s, s->calendars[r->office].id) : NULL);
	PUT("phase", r->phase);
	PUT("components", r->components);
	snprintf(num1, 16, "%d", (int)r->priority);
	PUT("priority", r->priority ? num1 : NULL);
	snprintf(num2, 16, "%d", (int)r->reboots);
	PUT("reboots", r->reboots >= 0 ? num2 : NULL);
	PUT("user-group", r->ugroup);
#undef PUT
	return n;
}

#define NATTR 14

/* One CSV field, quoted when it needs to be. */
static bool csv_put(FILE *f, const char *v, bool first)
{
	if (!first && fputc(',', f) == EOF)
		return false;
	if (!v)
		return true;
	if (!strpbrk(v, ",\"\r\n"))
		return fputs(v, f) != EOF;
	if (fputc('"', f) == EOF)
		return false;
	for (; *v; v++)
		if ((*v == '"' && fputc('"', f) == EOF) || fputc(*v, f) == EOF)
			return false;
	return fputc('"', f) != EOF;
}

int ro_import_write_csv(struct imp *im, char **text, size_t *len)
{
	static const char *const header[NATTR] = {
		"id", "user", "os", "segment", "cap", "calendar", "triggers",
		"connection", "office", "phase", "components", "priority",
		"reboots", "user-group",
	};
	char *mem = NULL;
	size_t mlen = 0;
	/* libc's buffer (free), copied into ours: open_memstream cannot take
	 * an allocator */
	FILE *f = open_memstream(&mem, &mlen);
	bool ok = f != NULL;

	for (int i = 0; ok && i < NATTR; i++)
		ok = csv_put(f, header[i], i == 0);
	ok = ok && fputc('\n', f) != EOF;
	for (size_t i = 0; ok && i < im->n; i++) {
		const char *names[NATTR], *values[NATTR];
		char trig[20], n1[16], n2[16];
		int n = rec_attrs(im, &im->r[i], names, values, trig, n1, n2);

		for (int k = 0; ok && k < n; k++)
			ok = csv_put(f, values[k], k == 0);
		ok = ok && fputc('\n', f) != EOF;
	}
	if (f && fclose(f) != 0)
		ok = false;
	if (ok) {
		*text = ro_malloc(mlen + 1);
		if (*text) {
			memcpy(*text, mem, mlen + 1);
			*len = mlen;
		}
	}
	free(mem);
	return ok && *text ? RO_OK : RO_ENOMEM;
}

/* The blanks after the last line break of text node t ("" if none). */
static size_t indent_of(xmlNodePtr t, char *buf, size_t cap)
{
	const char *s, *nl;
	size_t n = 0;

	buf[0] = '\0';
	if (!t || t->type != XML_TEXT_NODE || !t->content)
		return 0;
	s = (const char *)t->content;
	nl = strrchr(s, '\n');
	if (!nl)
		return 0;
	for (nl++; (nl[n] == ' ' || nl[n] == '\t') && n + 1 < cap; n++)
		buf[n] = nl[n];
	buf[n] = '\0';
	return n;
}

static bool blank_text(xmlNodePtr t)
{
	if (!t || t->type != XML_TEXT_NODE)
		return false;
	for (const xmlChar *p = t->content; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return false;
	return true;
}

/* Appends n (any kind) to parent; libxml2 merges a text node into a text
 * node before it, which keeps the order. */
static bool put_node(xmlNodePtr parent, xmlNodePtr n)
{
	if (!n)
		return false;
	if (!xmlAddChild(parent, n)) {
		xmlFreeNode(n);
		return false;
	}
	return true;
}

int ro_import_write_site(struct imp *im, char **text, size_t *len)
{
	xmlDocPtr doc = NULL;
	xmlNodePtr root, clients = NULL, tail = NULL, n;
	xmlChar *mem = NULL;
	int mlen = 0, rc;
	char outer[32], nl[40], last[40], comment[96];
	long failures0 = ro_alloc_failures();
	bool ok;

	rc = ro_xml_parse(im->tbuf, im->tlen, im->o->site, &doc, im->d);
	if (rc != RO_OK)
		return rc;
	root = xmlDocGetRootElement(doc);
	for (n = root ? root->children : NULL; n && !clients; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    xmlStrEqual(n->name, BAD_CAST "clients"))
			clients = n;
	if (!clients) {   /* the template passed site.xsd: a bug */
		xmlFreeDoc(doc);
		return RO_EINVAL;
	}
	indent_of(clients->prev, outer, sizeof outer);
	snprintf(nl, sizeof nl, "\n%s  ", outer);
	snprintf(last, sizeof last, "\n%s", outer);
	/* the blanks before </clients> go back at the end */
	if (blank_text(clients->last)) {
		tail = clients->last;
		xmlUnlinkNode(tail);
	}
	snprintf(comment, sizeof comment, " %lld clients imported by rollout "
		 "import ", (long long)im->n);
	ok = put_node(clients, xmlNewDocText(doc, BAD_CAST nl)) &&
	     put_node(clients, xmlNewDocComment(doc, BAD_CAST comment));
	for (size_t i = 0; ok && i < im->n; i++) {
		const char *names[NATTR], *values[NATTR];
		char trig[20], n1[16], n2[16];
		int k = rec_attrs(im, &im->r[i], names, values, trig, n1, n2);
		xmlNodePtr e = xmlNewDocNode(doc, NULL, BAD_CAST "client", NULL);

		ok = put_node(clients, xmlNewDocText(doc, BAD_CAST nl)) &&
		     put_node(clients, e);
		for (int a = 0; ok && a < k; a++)
			if (values[a] && !xmlNewProp(e, BAD_CAST names[a],
						     BAD_CAST values[a]))
				ok = false;
	}
	if (tail) {
		ok = ok && put_node(clients, tail);
		if (!ok && !tail->parent)
			xmlFreeNode(tail);
	} else {
		ok = ok && put_node(clients, xmlNewDocText(doc, BAD_CAST last));
	}
	if (ok)
		xmlDocDumpMemoryEnc(doc, &mem, &mlen, "UTF-8");
	xmlFreeDoc(doc);
	if (!ok || !mem || mlen <= 0 || ro_alloc_failures() != failures0) {
		xmlFree(mem);
		return RO_ENOMEM;
	}
	*text = ro_malloc((size_t)mlen + 1);
	if (*text) {
		memcpy(*text, mem, (size_t)mlen);
		(*text)[mlen] = '\0';
		*len = (size_t)mlen;
	}
	xmlFree(mem);
	return *text ? RO_OK : RO_ENOMEM;
}

