/*
 * outsafe.h - checks on output paths, made before anything is written.
 *
 * Every command that writes a file checks its outputs here first: an
 * output that is one of the command's inputs (the same file, through
 * links or other names too) is refused, and so is a symbolic link to
 * anything but a regular file (a link planted to a device or a FIFO would
 * be written through).  "-", and a device or a FIFO named directly, stay
 * allowed (docs/reliability.md, "Output paths").
 */
#ifndef RO_OUTSAFE_H
#define RO_OUTSAFE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "../model/diag.h"

/* The directory part of path ("." when there is none, "/" for the
 * root); the caller frees it (ro_free).  NULL when out of memory. */
char *ro_path_dir(const char *path);

/* A regular file as the system knows it, whatever its names. */
struct ro_file_id {
	dev_t dev;
	ino_t ino;
};

/* Whether path names an existing regular file (links followed); then its
 * id in *id.  For comparing many outputs with many inputs at one stat
 * each (rollout batch). */
bool ro_file_id_of(const char *path, struct ro_file_id *id);

/* Whether paths a and b name the same regular file: the same device and
 * inode when both exist (links followed); the same resolved path
 * (realpath of the directory, then the name) when neither exists yet.
 * "-" is never the same as anything. */
bool ro_path_same(const char *a, const char *b);

/* Records path as an input this process has read that no command line
 * names: a CSV inventory a site file points to (io/site_inventory.c).
 * From then on ro_output_check and every atomic write (io/atomic.h)
 * refuse to write over it, so that "plan site.xml -o clients.csv" cannot
 * replace the inventory the site was read from.  A setting of the whole
 * process, like ro_inventory_allow_outside.  RO_OK, or RO_ENOMEM. */
int ro_input_note(const char *path);

/* Refuses out when it is a file ro_input_note recorded: RO_EARG with
 * one message in d. */
int ro_output_noted_check(const char *out, struct ro_diag *d);

/* Refuses out when it is one of the n inputs (NULL entries are skipped)
 * or a file ro_input_note recorded: RO_EARG with "output 'OUT' is the
 * input 'IN'; ..." in d.  Then ro_output_link_check.  Returns RO_OK,
 * RO_EARG or RO_EIO. */
int ro_output_check(const char *out, const char *const *inputs, size_t n,
		    struct ro_diag *d);

/* Refuses an output path that is a symbolic link to anything but a
 * regular file (or a dangling link): RO_EIO with one message in d. */
int ro_output_link_check(const char *out, struct ro_diag *d);

/* Refuses two of the n outputs (NULL entries skipped) naming the same
 * file: RO_EARG with one message in d. */
int ro_outputs_distinct(const char *const *outs, size_t n,
			struct ro_diag *d);

#endif
