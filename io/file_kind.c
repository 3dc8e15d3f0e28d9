/*
 * file_kind.c - a manifest, a site file or other XML (see file_kind.h).
 */
#include "file_kind.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/tree.h>

#include "../model/alloc.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "xmlsafe.h"

/* Whether the file starts, after a UTF-8 byte order mark and blanks, with
 * '<': no manifest line does (a site path comes first). */
static bool starts_like_xml(const char *path)
{
	unsigned char b[512];
	size_t n, i = 0;
	struct stat st;
	FILE *f;

	/* a FIFO or a pipe can be read once only: it is a manifest */
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return false;
	f = fopen(path, "rb");
	if (!f)
		return false;
	n = fread(b, 1, sizeof b, f);
	fclose(f);
	if (n >= 3 && b[0] == 0xef && b[1] == 0xbb && b[2] == 0xbf)
		i = 3;
	while (i < n && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' ||
			 b[i] == '\n'))
		i++;
	return i < n && b[i] == '<';
}

/* why, when the document did not parse: its first problem is enough to
 * tell what the file is. */
static void why_not_parsed(struct ro_diag *d, int rc, char *why, size_t n)
{
	const struct ro_diag_entry *e;

	ro_diag_sort(d);
	e = d->n ? &d->v[0] : NULL;
	if (e && e->line > 0)
		snprintf(why, n, "it looks like XML but does not parse (line "
			 "%ld: %s)", e->line, e->msg);
	else
		snprintf(why, n, "it looks like XML but does not parse (%s)",
			 e ? e->msg : ro_strerror(rc));
}

enum ro_file_kind ro_file_kind(const char *path, char *why, size_t n)
{
	enum ro_file_kind k = RO_FILE_OTHER;
	struct ro_diag d;
	xmlDocPtr doc = NULL;
	xmlNodePtr root;
	char *buf = NULL;
	size_t len;
	int rc;

	if (!starts_like_xml(path))
		return RO_FILE_TEXT;
	ro_diag_init(&d);
	rc = ro_read_file(path, RO_XML_MAX_BYTES, &buf, &len, &d);
	if (rc == RO_OK)
		rc = ro_xml_parse(buf, len, path, &doc, &d);
	ro_free(buf);
	root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (root && strcmp((const char *)root->name, "site") == 0)
		k = RO_FILE_SITE;
	else if (root)
		snprintf(why, n, "its root element is <%.40s>, not <site>",
			 (const char *)root->name);
	else
		why_not_parsed(&d, rc, why, n);
	xmlFreeDoc(doc);
	ro_diag_release(&d);
	return k;
}
