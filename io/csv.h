/*
 * csv.h - a streaming RFC 4180 reader.
 *
 * Rows are read one at a time from a file (or a memory buffer), so a large
 * inventory never sits in memory whole.  Fields are separated by commas;
 * a field in double quotes may hold commas, quotes (doubled: "") and line
 * breaks.  Lines end in LF or CRLF.  Blank lines are skipped; a UTF-8 byte
 * order mark at the start is skipped.
 *
 * Errors in a row (a quote inside an unquoted field, text after a closing
 * quote, a NUL byte, an unterminated quoted field, a row over
 * RO_CSV_MAX_ROW bytes) are reported as name:LINE: message with the
 * physical line where the row starts; the reader then skips to the next
 * line, so that every bad row of a file is reported in one pass.
 *
 * Ownership: the reader owns its field strings; they stay valid until the
 * next ro_csv_next() or ro_csv_close().
 */
#ifndef RO_CSV_H
#define RO_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "../model/diag.h"

#define RO_CSV_MAX_ROW (1024 * 1024)
/* A file is read up to this many bytes: a larger regular file is refused
 * when it is opened, unread; a FIFO or a pipe when it reaches it.
 * Devices and directories are refused (ro_file_boundable). */
#define RO_CSV_MAX_BYTES (512u * 1024 * 1024)

struct ro_csv;

/* Opens path.  name is used in messages (NULL: path).  Returns RO_OK,
 * RO_EIO ("cannot open ..." or not a file, in d with file name and line
 * 0), RO_ELIMIT (larger than RO_CSV_MAX_BYTES), RO_ENOMEM or RO_EARG. */
int ro_csv_open(const char *path, const char *name, struct ro_csv **out,
		struct ro_diag *d);
/* Reads buf (len bytes, not copied: it must outlive the reader). */
int ro_csv_open_memory(const char *buf, size_t len, const char *name,
		       struct ro_csv **out);
void ro_csv_close(struct ro_csv *c);   /* accepts NULL */

/* Reads the next row.  Returns RO_OK with *eof false and a row ready, RO_OK
 * with *eof true at the end, RO_EPARSE for a bad row (reported to d and
 * skipped: call again for the next one), RO_EIO, RO_ELIMIT (the input
 * went past RO_CSV_MAX_BYTES) or RO_ENOMEM. */
int ro_csv_next(struct ro_csv *c, bool *eof, struct ro_diag *d);

/* The current row: its number of fields, field i (0-based, never NULL for
 * i < nfields), and the physical line (1-based) where it starts. */
size_t ro_csv_nfields(const struct ro_csv *c);
const char *ro_csv_field(const struct ro_csv *c, size_t i);
long ro_csv_line(const struct ro_csv *c);

#endif
