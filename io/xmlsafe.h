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
/* attributes of one element: the format uses at most 17 (<client>) */
#define RO_XML_MAX_ATTRS 64

/* Call once before any other libxml2 use (idempotent): libxml2's allocator
 * set to model/alloc.h's ro_ext_* functions (xmlMemSetup), xmlInitParser,
 * the refusing entity loader, libxml2's unstructured messages silenced. */
void ro_xml_init(void);

/* Checks the prolog of buf before libxml2 sees a byte of it.  Refuses, at
 * line 1: encodings in which the DOCTYPE scan below cannot read markup
 * (UTF-32 and UCS-4 in any byte order, EBCDIC, and any declared encoding
 * other than UTF-8, US-ASCII, ISO-8859-n and windows-125n, or UTF-16 in a
 * UTF-16 file), and any <!DOCTYPE>; then, at its line, a start tag with
 * more than RO_XML_MAX_ATTRS attributes (libxml2's time grows with their
 * square).  name is the file name of the message.  Returns RO_OK, or
 * RO_EPARSE or RO_ELIMIT with one message in d. */
int ro_xml_prescan(const char *buf, size_t len, const char *name,
		   struct ro_diag *d);

/* The line of node n for messages, also past line 65,535, where libxml2
 * 2.9 keeps no element line (XML_PARSE_BIG_LINES keeps text lines only):
 * then the line where the text before the element ends, which is the
 * element's own.  An attribute gives its element's line. */
long ro_xml_node_line(xmlNodePtr n);

/* Whether the open file fd can be read with a cap: a regular file (its
 * size is checked first), a FIFO or a pipe (capped by the bytes read);
 * not a device (/dev/zero never ends) or a directory.  When not, one
 * message "cannot read 'path': ..." goes to d.  Every reader of files
 * asks this first (docs/reliability.md, "Input size caps"). */
bool ro_file_boundable(int fd, const char *path, struct ro_diag *d);

/* Reads a whole file (at most max bytes) into a buffer owned by the caller
 * (ro_free); "-" is standard input.  Reports "cannot open ...", "file is larger than ..." and gzip
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

/* ro_xml_cleanup (frees the cached schemas): include/rollout.h. */

/* Whether the prolog of buf holds a <!DOCTYPE> (checked on the bytes,
 * before libxml2 sees them). */
bool ro_xml_has_doctype(const char *buf, size_t len);

/* libxml2 error collection for readers built on xmlsafe: pass
 * ro_xml_error_handler with a struct ro_xml_errors as context to
 * xmlTextReaderSetStructuredErrorHandler & co.  Errors (not warnings) go to
 * d as name:line: message: libxml2's size limits (10,000,000 bytes of text,
 * of an attribute value, a name or a comment without XML_PARSE_HUGE) as
 * limit errors, the schema validator's messages translated into what to
 * fix (io/schema_msg.h), the rest as libxml2 words them.
 *
 * ro_xml_errors_init marks d and the allocation failure counter; after the
 * parse, ro_xml_errors_check says whether an allocation failed meanwhile
 * (then the messages since the mark are dropped: libxml2 reports the
 * truncated input or emptied values an allocation failure leaves as parse
 * and schema errors) or a limit was hit. */
struct ro_xml_errors {
	struct ro_diag *d;
	const char *name;
	int nerr;        /* errors reported */
	int oom;         /* libxml2 reported XML_ERR_NO_MEMORY */
	int limit;       /* one of libxml2's size limits was hit */
	int dtd;         /* a DOCTYPE was seen */
	int quiet;       /* count errors without recording them */
	int node_lines;  /* lines from err->node (a whole tree validated) */
	long oom_line;   /* where libxml2 reported XML_ERR_NO_MEMORY */
	char oom_msg[160];
	long failures0;  /* ro_alloc_failures() at init */
	struct ro_diag_mark mark;
};
void ro_xml_errors_init(struct ro_xml_errors *e, struct ro_diag *d,
			const char *name);
void ro_xml_error_handler(void *ctx, xmlErrorPtr err);
/* After a parse or validation that reported to e: RO_ENOMEM when an
 * allocation failed since ro_xml_errors_init (the messages since are
 * dropped), RO_ELIMIT when one of libxml2's size limits was hit (reported
 * at its line), else RO_OK and the caller looks at e->nerr. */
int ro_xml_errors_check(struct ro_xml_errors *e);

/* A streaming reader over buf (which must outlive it), made the one safe
 * way: ro_xml_prescan first, then XML_PARSE_NONET | XML_PARSE_BIG_LINES
 * only, with libxml2's errors going to errs (initialised by the caller,
 * whose name is used in messages).  The caller also installs errs as the
 * global structured handler around the reads when a schema is plugged in
 * (libxml2 2.9 then reports parser errors there).  Returns RO_OK with *out
 * set (free it with xmlFreeTextReader), or RO_EPARSE, RO_ELIMIT (larger
 * than RO_XML_MAX_BYTES) or RO_ENOMEM with *out NULL. */
int ro_xml_reader_new(const char *buf, size_t len, struct ro_xml_errors *errs,
		      xmlTextReaderPtr *out);

/* Reads at most the first max bytes of path (for a header at the top of a
 * file that may be large); *truncated tells whether more followed.  The
 * same refusals and return values as ro_read_file, but never RO_ELIMIT. */
int ro_read_file_head(const char *path, size_t max, char **buf, size_t *len,
		      bool *truncated, struct ro_diag *d);

/* Test hook: ro_xml_prescan_enable(false) lets every document through
 * ro_xml_prescan, so that the second line of defence (the parser's DOCTYPE
 * hook, the reader's node type) can be tested on encodings the scan
 * refuses.  Never call it outside tests. */
void ro_xml_prescan_enable(bool on);

#endif
