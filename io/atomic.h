/*
 * atomic.h - all-or-nothing file output.
 *
 * Writes to a temporary file in the target's directory, fsyncs it, renames
 * it over the target and fsyncs the directory.  On any failure the
 * temporary file is removed and an existing target is left untouched.
 * "-", character devices and FIFOs are written directly (no rename is
 * possible there).  Every write is checked, including short writes, EPIPE
 * and ENOSPC.
 */
#ifndef RO_ATOMIC_H
#define RO_ATOMIC_H

#include <stddef.h>

#include "../model/diag.h"

/* Writes len bytes of buf to path.  Returns RO_OK or RO_EIO with a message
 * "cannot write 'path': reason" in d. */
int ro_write_file_atomic(const char *path, const void *buf, size_t len,
			 struct ro_diag *d);

#endif
