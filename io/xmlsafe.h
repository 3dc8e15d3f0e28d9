/*
 * xmlsafe.h - the one way the library reads XML.
 *
 * Untrusted input: the file is read by us with a size cap and parsed from
 * memory (so gzip is never inflated behind our back), with
 * XML_PARSE_NONET | XML_PARSE_BIG_LINES only (never NOENT, DTDLOAD,
 * DTDVALID, XINCLUDE, HUGE), an external entity loader that refuses
 * everything, and any document with a DTD rejected ("DTD not allowed").
 * libxml2's errors are captured with their line (structured error handler)
 * and returned as diagnostics; a document is accepted only if it is
 * well-formed, no error was reported and no allocation failed.
 */
#ifndef RO_XMLSAFE_H
#define RO_XMLSAFE_H

#include <stdbool.h>
#include <stddef.h>

#include <libxml/tree.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

#include "../model/diag.h"

#define RO_XML_MAX_BYTES (512u * 1024 * 1024)  /* input file cap */
#define RO_XML_MAX_DEPTH 64                   /* element nesting cap */

/* Call once before any other libxml2 use (idempotent): xmlInitParser, the
 * refusing entity loader. */
void ro_xml_init(void);

/* Reads a whole file (at most max bytes) into a buffer owned by the caller
 * (ro_free).  Reports "cannot open ...", "file is larger than ..." and gzip
 * magic ("compressed files are not accepted") to d with the path.
 * Returns RO_OK, RO_EIO, RO_ELIMIT, RO_EPARSE or RO_ENOMEM. */
int ro_read_file(const char *path, size_t max, char **buf, size_t *len,
		 struct ro_diag *d);

/* Parses buf as a whole document (small files: schedules, scenarios).
 * name is the file name used in messages.  Returns RO_OK with *doc set, or
 * an error with messages in d and *doc NULL. */
int ro_xml_parse(const char *buf, size_t len, const char *name,
		 xmlDocPtr *doc, struct ro_diag *d);

/* Validates doc against one of the embedded schemas ("site.xsd",
 * "schedule.xsd"); every violation goes to d as name:line: message. */
int ro_xml_validate(xmlDocPtr doc, const char *schema, const char *name,
		    struct ro_diag *d);

/* The embedded schema text (NUL-terminated) by file name, NULL if unknown. */
const char *ro_xml_schema_text(const char *schema, size_t *len);

/* The compiled embedded schema, compiled on first use and cached (the cache
 * owns it; do not free).  For streaming validation with
 * xmlTextReaderSetSchema.  Returns RO_OK, RO_EARG (unknown name),
 * RO_ESCHEMA (does not compile: a bug) or RO_ENOMEM. */
int ro_xml_schema_get(const char *schema, xmlSchemaPtr *out,
		      struct ro_diag *d);

/* Frees the cached schemas (call at exit to keep valgrind clean; a later
 * use compiles them again).  Does not call xmlCleanupParser. */
void ro_xml_cleanup(void);

/* Whether the prolog of buf holds a <!DOCTYPE> (checked on the bytes,
 * before libxml2 sees them). */
bool ro_xml_has_doctype(const char *buf, size_t len);

/* libxml2 error collection for readers built on xmlsafe: pass
 * ro_xml_error_handler with a struct ro_xml_errors as context to
 * xmlTextReaderSetStructuredErrorHandler & co.  Errors (not warnings) go to
 * d as name:line: message; allocation failures only set oom. */
struct ro_xml_errors {
	struct ro_diag *d;
	const char *name;
	int nerr;    /* errors reported */
	int oom;     /* libxml2 ran out of memory */
	int dtd;     /* a DOCTYPE was seen */
	int quiet;   /* count errors without recording them */
	int last_code;   /* code of the last recorded error (repeats) */
};
void ro_xml_errors_init(struct ro_xml_errors *e, struct ro_diag *d,
			const char *name);
void ro_xml_error_handler(void *ctx, xmlErrorPtr err);

#endif
