/*
 * atomic.h - all-or-nothing file output.
 *
 * Writes to a temporary file in the target's directory, fsyncs it, renames
 * it over the target and fsyncs the directory.  On any failure the
 * temporary file is removed and an existing target is left untouched.
 * "-", character and block devices and FIFOs are written directly (no
 * rename is possible there, and replacing a device node with a regular
 * file would be wrong), but only when named directly: a symbolic link to
 * one is refused (io/outsafe.h).  Every write is checked, including short
 * writes, EPIPE and ENOSPC.
 */
#ifndef RO_ATOMIC_H
#define RO_ATOMIC_H

#include <stddef.h>

#include "../model/diag.h"

/* Writes len bytes of buf to path.  Returns RO_OK or RO_EIO with a message
 * "cannot write 'path': reason" in d. */
int ro_write_file_atomic(const char *path, const void *buf, size_t len,
			 struct ro_diag *d);

/* For output that another library writes to a file name of its own (GLPK's
 * glp_write_lp and glp_write_mps): ro_scratch_file creates an empty
 * private file (mode 0600) under $TMPDIR, else /tmp, and sets *tmp to its
 * name (the caller's, ro_free).  ro_write_file_atomic_from then copies it
 * to path by the rules above, streaming, and removes it, whatever
 * happens.  Both return RO_OK, RO_EIO or RO_ENOMEM with a message in d. */
int ro_scratch_file(char **tmp, struct ro_diag *d);
int ro_write_file_atomic_from(const char *path, const char *tmp,
			      struct ro_diag *d);

#endif
