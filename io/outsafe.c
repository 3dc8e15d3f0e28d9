/*
 * outsafe.c - checks on output paths (see outsafe.h).
 *
 * The checks compare files, not strings: "s.xml", "./s.xml", a hard link
 * and a symbolic link to it are all the same input.  A path that does not
 * exist yet is resolved through its directory instead, so that two
 * outputs still to be written can be told apart as well.
 */
#define _XOPEN_SOURCE 700   /* realpath */
#include "outsafe.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../model/alloc.h"
#include "../model/error.h"

char *ro_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return ro_strdup(".");
	if (slash == path)
		return ro_strdup("/");
	return ro_strndup(path, (size_t)(slash - path));
}

/* path resolved: realpath of the whole path, else of its directory with
 * the last name appended.  NULL when neither resolves (or out of memory). */
static char *resolve(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir, *r, *full, buf[PATH_MAX];

	if (realpath(path, buf))
		return ro_strdup(buf);
	dir = ro_path_dir(path);
	if (!dir)
		return NULL;
	r = realpath(dir, buf);
	ro_free(dir);
	if (!r)
		return NULL;
	slash = slash ? slash + 1 : path;
	full = ro_malloc(strlen(buf) + strlen(slash) + 2);
	if (full) {
		strcpy(full, buf);
		if (strcmp(buf, "/") != 0)
			strcat(full, "/");
		strcat(full, slash);
	}
	return full;
}

bool ro_file_id_of(const char *path, struct ro_file_id *id)
{
	struct stat st;

	if (!path || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return false;
	id->dev = st.st_dev;
	id->ino = st.st_ino;
	return true;
}

bool ro_path_same(const char *a, const char *b)
{
	struct ro_file_id ia, ib;
	struct stat st;
	bool same;
	char *ra, *rb;

	if (ro_file_id_of(a, &ia) && ro_file_id_of(b, &ib))
		return ia.dev == ib.dev && ia.ino == ib.ino;
	if (!a || !b || strcmp(a, "-") == 0 || strcmp(b, "-") == 0 ||
	    stat(a, &st) == 0 || stat(b, &st) == 0)
		return false;   /* a device, or one exists and not the other */
	/* neither exists yet */
	ra = resolve(a);
	rb = resolve(b);
	same = ra && rb && strcmp(ra, rb) == 0;
	ro_free(ra);
	ro_free(rb);
	return same;
}

int ro_output_link_check(const char *out, struct ro_diag *d)
{
	struct stat st;

	if (!out || strcmp(out, "-") == 0 || lstat(out, &st) != 0 ||
	    !S_ISLNK(st.st_mode))
		return RO_OK;
	if (stat(out, &st) != 0) {
		ro_diag_add(d, NULL, 0, "cannot write '%s': it is a symbolic "
			    "link to nothing (%s); remove it or give another "
			    "name", out, strerror(errno));
		return RO_EIO;
	}
	if (S_ISREG(st.st_mode))
		return RO_OK;   /* the rename replaces the link, not its target */
	ro_diag_add(d, NULL, 0, "cannot write '%s': it is a symbolic link to "
		    "%s; give the %s itself, or another name", out,
		    S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode)
		    ? "a FIFO" : "a device", S_ISDIR(st.st_mode)
		    ? "file" : S_ISFIFO(st.st_mode) ? "FIFO" : "device");
	return RO_EIO;
}

/* The inputs ro_input_note recorded: each file's id and the name it was
 * read by (for the message).  Kept for the life of the process, so in
 * blocks of the ro_ext_ allocator, which fault injection reaches but the
 * tests' count of blocks left live does not (model/alloc.h). */
static struct noted {
	struct ro_file_id id;
	char *path;
} *noted;
static size_t nnoted, cap_noted;

int ro_input_note(const char *path)
{
	struct ro_file_id id;

	if (!ro_file_id_of(path, &id))
		return RO_OK;   /* not a regular file: nothing to write over */
	for (size_t i = 0; i < nnoted; i++)
		if (noted[i].id.dev == id.dev && noted[i].id.ino == id.ino)
			return RO_OK;
	if (nnoted == cap_noted) {
		size_t cap = cap_noted ? 2 * cap_noted : 8;
		struct noted *v = cap > SIZE_MAX / sizeof *v ? NULL
				  : ro_ext_realloc(noted, cap * sizeof *v);
		if (!v)
			return RO_ENOMEM;
		noted = v;
		cap_noted = cap;
	}
	noted[nnoted].path = ro_ext_strdup(path);
	if (!noted[nnoted].path)
		return RO_ENOMEM;
	noted[nnoted++].id = id;
	return RO_OK;
}

int ro_output_noted_check(const char *out, struct ro_diag *d)
{
	struct ro_file_id id;

	if (nnoted == 0 || !ro_file_id_of(out, &id))
		return RO_OK;
	for (size_t i = 0; i < nnoted; i++)
		if (noted[i].id.dev == id.dev && noted[i].id.ino == id.ino) {
			ro_diag_add(d, NULL, 0, "output '%s' is the inventory "
				    "'%s' the site was read from; write to "
				    "another file", out, noted[i].path);
			return RO_EARG;
		}
	return RO_OK;
}

int ro_output_check(const char *out, const char *const *inputs, size_t n,
		    struct ro_diag *d)
{
	int rc;

	if (!out || !d)
		return RO_EARG;
	for (size_t i = 0; i < n; i++)
		if (inputs[i] && ro_path_same(out, inputs[i])) {
			ro_diag_add(d, NULL, 0, "output '%s' is the input '%s'; "
				    "write to another file", out, inputs[i]);
			return RO_EARG;
		}
	rc = ro_output_noted_check(out, d);
	if (rc != RO_OK)
		return rc;
	return ro_output_link_check(out, d);
}

int ro_outputs_distinct(const char *const *outs, size_t n, struct ro_diag *d)
{
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; outs[i] && j < i; j++)
			if (outs[j] && ro_path_same(outs[i], outs[j])) {
				ro_diag_add(d, NULL, 0, "'%s' and '%s' are the "
					    "same file; give each output its "
					    "own name", outs[j], outs[i]);
				return RO_EARG;
			}
	return RO_OK;
}
