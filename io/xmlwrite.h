/*
 * xmlwrite.h - the shared layer under the library's XML writers (schedule,
 * comparison, simulation).
 *
 * A document is built in memory with libxml2's xmlTextWriter (two-space
 * indent, UTF-8 declaration).  xmlTextWriter reports most failures through
 * return values but not all of them (an output buffer that failed to grow
 * can swallow data), so every call records failure and becomes a no-op
 * after it, and ro_xw_finish() accepts the text only if it ends with the
 * expected closing tag.  Callers then write the text in one piece (e.g.
 * with ro_write_file_atomic), so a failure never leaves a partial file.
 */
#ifndef RO_XMLWRITE_H
#define RO_XMLWRITE_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/xmlwriter.h>

#include "../model/rtime.h"
#include "../model/site.h"

struct ro_xw {
	xmlBufferPtr buf;
	xmlTextWriterPtr w;
	int failed;
	long failures0;   /* ro_alloc_failures() at ro_xw_open */
};

/* Starts a document in memory.  Returns RO_OK or RO_ENOMEM (then nothing
 * needs freeing).  A failure after the buffer exists is recorded in
 * x->failed and reported by ro_xw_finish(). */
int ro_xw_open(struct ro_xw *x);

void ro_xw_start(struct ro_xw *x, const char *name);
void ro_xw_end(struct ro_xw *x);
void ro_xw_attr(struct ro_xw *x, const char *name, const char *value);
void ro_xw_attr_ll(struct ro_xw *x, const char *name, long long v);
void ro_xw_attr_time(struct ro_xw *x, const char *name, ro_time t);
/* The time of slot of s's horizon (slot may be the horizon end). */
void ro_xw_attr_slot(struct ro_xw *x, const char *name,
		     const struct ro_site *s, int64_t slot);
/* xs:double text: NaN, INF, -INF or %.10g (the C locale a library runs in
 * by default, so never locale dependent). */
void ro_xw_attr_double(struct ro_xw *x, const char *name, double v);
/* num/den (num >= 0, den > 0) rounded half up to four decimals, from
 * integers so the bytes are the same on every machine. */
void ro_xw_attr_ratio(struct ro_xw *x, const char *name, int64_t num,
		      int64_t den);

/* Ends the document and frees the writer (which flushes it into the
 * buffer).  Returns the text (owned by x, *len bytes, NUL-terminated), or
 * NULL if any step failed or the text does not end with tail (NULL: no
 * check).  Call ro_xw_close() in every case. */
const char *ro_xw_finish(struct ro_xw *x, const char *tail, size_t *len);

/* Frees the writer (if not finished) and the buffer; NULL-safe. */
void ro_xw_close(struct ro_xw *x);

#endif
