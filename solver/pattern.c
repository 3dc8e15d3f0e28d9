/*
 * pattern.c - maximal packings of a knapsack with few item types, by
 * depth-first enumeration (largest size first, most of it first).
 */
#include "pattern.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"

static int cmp_desc(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x > y ? -1 : x < y;
}

struct walk {
	struct ro_patset *ps;
	int32_t maxpat, cap;       /* patterns allowed, room in a */
	uint16_t *cur;
	bool over;
	int err;
};

/* Every pattern is maximal when the room left is below the smallest
 * size: no transfer of any type would still fit. */
static void enumerate(struct walk *w, int32_t t, int64_t rem)
{
	struct ro_patset *ps = w->ps;

	if (w->over || w->err)
		return;
	if (t == ps->ntypes) {
		if (rem >= ps->q[ps->ntypes - 1])
			return;
		if (ps->npat == w->maxpat) {
			w->over = true;
			return;
		}
		if (ps->npat == w->cap) {
			int32_t nc = w->cap ? 2 * w->cap : 16;
			uint16_t *a = ro_reallocarray(ps->a, (size_t)nc * (size_t)ps->ntypes,
						      sizeof *a);
			if (!a) {
				w->err = RO_ENOMEM;
				return;
			}
			ps->a = a;
			w->cap = nc;
		}
		memcpy(ps->a + (size_t)ps->npat * (size_t)ps->ntypes, w->cur,
		       (size_t)ps->ntypes * sizeof *w->cur);
		ps->npat++;
		return;
	}
	int64_t most = rem / ps->q[t];
	if (most > 65535) {
		w->over = true;
		return;
	}
	for (int64_t k = most; k >= 0; k--) {
		w->cur[t] = (uint16_t)k;
		enumerate(w, t + 1, rem - k * ps->q[t]);
	}
	w->cur[t] = 0;
}

int ro_patset_build(struct ro_patset *ps, const int64_t *q, int32_t n,
		    int64_t R, int32_t maxpat)
{
	struct walk w = { ps, maxpat, 0, NULL, false, RO_OK };

	memset(ps, 0, sizeof *ps);
	ps->R = R;
	ps->q = ro_malloc(((size_t)n + 1) * sizeof *ps->q);
	w.cur = ro_calloc((size_t)n + 1, sizeof *w.cur);
	if (!ps->q || !w.cur) {
		ro_free(w.cur);
		ro_patset_release(ps);
		return RO_ENOMEM;
	}
	for (int32_t i = 0; i < n; i++)
		if (q[i] > 0 && q[i] <= R)
			ps->q[ps->ntypes++] = q[i];
	qsort(ps->q, (size_t)ps->ntypes, sizeof *ps->q, cmp_desc);
	if (ps->ntypes > 0)
		enumerate(&w, 0, R);
	ro_free(w.cur);
	if (w.err || w.over) {
		ro_patset_release(ps);
		return w.err ? w.err : RO_ELIMIT;
	}
	return RO_OK;
}

void ro_patset_release(struct ro_patset *ps)
{
	ro_free(ps->q);
	ro_free(ps->a);
	memset(ps, 0, sizeof *ps);
}

int32_t ro_patset_type(const struct ro_patset *ps, int64_t q)
{
	int32_t lo = 0, hi = ps->ntypes - 1;

	while (lo <= hi) {
		int32_t mid = lo + (hi - lo) / 2;
		if (ps->q[mid] == q)
			return mid;
		if (ps->q[mid] > q)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int32_t ro_patset_cover(const struct ro_patset *ps, const int32_t *use)
{
	for (int32_t p = 0; p < ps->npat; p++) {
		const uint16_t *a = ps->a + (size_t)p * (size_t)ps->ntypes;
		int32_t t = 0;
		while (t < ps->ntypes && a[t] >= use[t])
			t++;
		if (t == ps->ntypes)
			return p;
	}
	return -1;
}
