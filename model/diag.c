/*
 * diag.c - a growing list of located messages, and ro_strerror().
 */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"

const char *ro_strerror(int code)
{
	static const char *const msg[] = {
		[RO_OK] = "success",
		[RO_ENOMEM] = "out of memory",
		[RO_EIO] = "input/output error",
		[RO_EPARSE] = "input is not well-formed",
		[RO_ESCHEMA] = "input does not follow the schema",
		[RO_EINVAL] = "input is invalid",
		[RO_ESOLVER] = "solver failure",
		[RO_ENOPLAN] = "no plan found",
		[RO_ETIMELIMIT] = "time limit reached",
		[RO_EINTR] = "interrupted",
		[RO_EVERIFY] = "plan failed verification",
		[RO_EARG] = "invalid argument",
		[RO_ELIMIT] = "size limit exceeded",
	};
	if (code < 0 || (size_t)code >= sizeof msg / sizeof msg[0] || !msg[code])
		return "unknown error";
	return msg[code];
}

void ro_diag_init(struct ro_diag *d)
{
	memset(d, 0, sizeof *d);
}

void ro_diag_release(struct ro_diag *d)
{
	for (size_t i = 0; i < d->n; i++) {
		ro_free(d->v[i].file);
		ro_free(d->v[i].msg);
	}
	ro_free(d->v);
	ro_diag_init(d);
}

void ro_diag_vadd(struct ro_diag *d, const char *file, long line,
		  const char *fmt, va_list ap)
{
	char buf[1024];
	struct ro_diag_entry *e;

	if (d->n >= RO_DIAG_MAX) {
		d->dropped++;
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? 2 * d->cap : 16;
		void *v = ro_reallocarray(d->v, cap, sizeof *d->v);
		if (!v) {
			d->oom = 1;
			return;
		}
		d->v = v;
		d->cap = cap;
	}
	vsnprintf(buf, sizeof buf, fmt, ap);
	e = &d->v[d->n];
	e->line = line;
	e->file = file ? ro_strdup(file) : NULL;
	e->msg = ro_strdup(buf);
	if ((file && !e->file) || !e->msg) {
		ro_free(e->file);
		ro_free(e->msg);
		d->oom = 1;
		return;
	}
	d->n++;
}

void ro_diag_add(struct ro_diag *d, const char *file, long line,
		 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ro_diag_vadd(d, file, line, fmt, ap);
	va_end(ap);
}

size_t ro_diag_count(const struct ro_diag *d)
{
	return d->n + d->dropped + (d->oom ? 1 : 0);
}

void ro_diag_sort(struct ro_diag *d)
{
	/* insertion sort: stable, and diagnostics are few and nearly sorted */
	for (size_t i = 1; i < d->n; i++) {
		struct ro_diag_entry e = d->v[i];
		size_t j = i;
		while (j > 0) {
			const struct ro_diag_entry *p = &d->v[j - 1];
			int c = strcmp(p->file ? p->file : "", e.file ? e.file : "");
			if (c < 0 || (c == 0 && p->line <= e.line))
				break;
			d->v[j] = d->v[j - 1];
			j--;
		}
		d->v[j] = e;
	}
}

struct ro_diag_mark ro_diag_mark(const struct ro_diag *d)
{
	struct ro_diag_mark m = { d->n, d->dropped, d->oom };

	return m;
}

void ro_diag_rewind(struct ro_diag *d, struct ro_diag_mark m)
{
	while (d->n > m.n) {
		d->n--;
		ro_free(d->v[d->n].file);
		ro_free(d->v[d->n].msg);
	}
	if (d->dropped > m.dropped)
		d->dropped = m.dropped;
	d->oom = m.oom;
}
