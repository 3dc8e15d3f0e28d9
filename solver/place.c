/*
 * place.c - exact bookkeeping of an integer plan, and the heuristics that
 * build one: round down, greedy repair, move to earlier starts.
 */
#include "place.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "clock.h"

int ro_place_init(struct ro_place *p, const struct ro_inst *in,
		  const int64_t *cap, int32_t deadline)
{
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)in->T;

	memset(p, 0, sizeof *p);
	p->in = in;
	p->cap = cap;
	p->mcap = in->M;
	p->rcap = in->R;
	p->deadline = deadline;
	p->load = ro_calloc(lt, sizeof *p->load);
	p->srv = ro_calloc((in->nservers ? in->nservers : 1) * (size_t)in->T,
			   sizeof *p->srv);
	p->rb = ro_calloc(lt, sizeof *p->rb);
	p->cnt = ro_calloc(in->ncand ? in->ncand : 1, sizeof *p->cnt);
	p->placed = ro_calloc(in->ncls ? in->ncls : 1, sizeof *p->placed);
	if (!p->load || !p->srv || !p->rb || !p->cnt || !p->placed) {
		ro_place_release(p);
		return RO_ENOMEM;
	}
	return RO_OK;
}

void ro_place_release(struct ro_place *p)
{
	ro_free(p->load);
	ro_free(p->srv);
	ro_free(p->rb);
	ro_free(p->cnt);
	ro_free(p->placed);
	memset(p, 0, sizeof *p);
}

void ro_place_clear(struct ro_place *p)
{
	const struct ro_inst *in = p->in;
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)in->T;

	memset(p->load, 0, lt * sizeof *p->load);
	memset(p->srv, 0, (in->nservers ? in->nservers : 1) * (size_t)in->T *
			  sizeof *p->srv);
	memset(p->rb, 0, lt * sizeof *p->rb);
	memset(p->cnt, 0, (in->ncand ? in->ncand : 1) * sizeof *p->cnt);
	memset(p->placed, 0, (in->ncls ? in->ncls : 1) * sizeof *p->placed);
}

void ro_place_copy(struct ro_place *dst, const struct ro_place *src)
{
	const struct ro_inst *in = src->in;
	size_t lt = (in->nlinks ? in->nlinks : 1) * (size_t)in->T;

	memcpy(dst->load, src->load, lt * sizeof *dst->load);
	memcpy(dst->srv, src->srv, (in->nservers ? in->nservers : 1) *
				   (size_t)in->T * sizeof *dst->srv);
	memcpy(dst->rb, src->rb, lt * sizeof *dst->rb);
	memcpy(dst->cnt, src->cnt, (in->ncand ? in->ncand : 1) * sizeof *dst->cnt);
	memcpy(dst->placed, src->placed,
	       (in->ncls ? in->ncls : 1) * sizeof *dst->placed);
	dst->cap = src->cap;
	dst->mcap = src->mcap;
	dst->rcap = src->rcap;
	dst->deadline = src->deadline;
}

/* Units of class c that fit at candidate j, at most limit. */
static int32_t room_upto(const struct ro_place *p, int32_t c, int32_t j,
			 int64_t room)
{
	const struct ro_inst *in = p->in;
	const struct ro_cls *k = &in->cls[c];
	const struct ro_cand *cd = &in->cand[j];
	const int32_t T = in->T;

	if (cd->e > p->deadline || room <= 0)
		return 0;
	for (int32_t i = 0; i < k->path_len && room > 0; i++) {
		size_t base = (size_t)in->paths[k->path_off + i] * T;
		for (int32_t t = cd->s; t < cd->s + k->d; t++) {
			int64_t free = p->cap[base + t] - p->load[base + t];
			int64_t m = free < 0 ? 0 : free / k->q;
			if (m < room)
				room = m;
		}
	}
	{
		const int32_t *u = p->srv + (size_t)k->server * T;
		const int32_t *m = p->mcap + (size_t)k->server * T;
		for (int32_t t = cd->s; t < cd->s + k->d && room > 0; t++)
			if ((int64_t)m[t] - u[t] < room)
				room = (int64_t)m[t] - u[t];
	}
	if (k->r > 0) {
		const int32_t *u = p->rb + (size_t)k->segment * T;
		const int32_t *m = p->rcap + (size_t)k->segment * T;
		for (int32_t t = cd->rb; t < cd->rb + k->r && room > 0; t++)
			if ((int64_t)m[t] - u[t] < room)
				room = (int64_t)m[t] - u[t];
	}
	return room < 0 ? 0 : (int32_t)room;
}

int32_t ro_place_room(const struct ro_place *p, int32_t c, int32_t j)
{
	return room_upto(p, c, j, p->in->cls[c].n - p->placed[c]);
}

void ro_place_add(struct ro_place *p, int32_t c, int32_t j, int32_t k)
{
	const struct ro_inst *in = p->in;
	const struct ro_cls *cl = &in->cls[c];
	const struct ro_cand *cd = &in->cand[j];
	const int32_t T = in->T;

	for (int32_t i = 0; i < cl->path_len; i++) {
		int64_t *ld = p->load + (size_t)in->paths[cl->path_off + i] * T;
		for (int32_t t = cd->s; t < cd->s + cl->d; t++)
			ld[t] += (int64_t)k * cl->q;
	}
	int32_t *u = p->srv + (size_t)cl->server * T;
	for (int32_t t = cd->s; t < cd->s + cl->d; t++)
		u[t] += k;
	int32_t *rb = p->rb + (size_t)cl->segment * T;
	for (int32_t t = cd->rb; t < cd->rb + cl->r; t++)
		rb[t] += k;
	p->cnt[j] += k;
	p->placed[c] += k;
}

int64_t ro_place_weight(const struct ro_place *p)
{
	int64_t w = 0;
	for (size_t c = 0; c < p->in->ncls; c++)
		w += p->placed[c] * p->in->cls[c].w;
	return w;
}

int64_t ro_place_completion_sum(const struct ro_place *p)
{
	int64_t s = 0;
	for (size_t j = 0; j < p->in->ncand; j++)
		s += (int64_t)p->cnt[j] * p->in->cand[j].e;
	return s;
}

int32_t ro_place_makespan(const struct ro_place *p)
{
	int32_t m = 0;
	for (size_t j = 0; j < p->in->ncand; j++)
		if (p->cnt[j] > 0 && p->in->cand[j].e > m)
			m = p->in->cand[j].e;
	return m;
}

/* The order in which classes get capacity, in rounding and in repair:
 * heaviest priority first, then fewest candidates (least freedom), then the
 * heaviest load (q * d * path), then by index for determinism. */
struct rank {
	int64_t w;
	int32_t ncand;
	double load;
	int32_t c;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct rank *x = a, *y = b;

	if (x->w != y->w)
		return x->w > y->w ? -1 : 1;
	if (x->ncand != y->ncand)
		return x->ncand < y->ncand ? -1 : 1;
	if (x->load != y->load)
		return x->load > y->load ? -1 : 1;
	return x->c - y->c;
}

static struct rank *rank_classes(const struct ro_inst *in)
{
	struct rank *order = ro_mallocarray(in->ncls, sizeof *order);

	if (!order)
		return NULL;
	for (size_t c = 0; c < in->ncls; c++) {
		const struct ro_cls *k = &in->cls[c];
		order[c] = (struct rank){ k->w, k->ncand,
					  (double)k->q * k->d * k->path_len,
					  (int32_t)c };
	}
	qsort(order, in->ncls, sizeof *order, cmp_rank);
	return order;
}

int ro_place_round(struct ro_place *p, const double *y)
{
	const struct ro_inst *in = p->in;
	struct rank *order = rank_classes(in);

	if (!order)
		return RO_ENOMEM;
	for (size_t oi = 0; oi < in->ncls; oi++) {
		int32_t c = order[oi].c;
		const struct ro_cls *k = &in->cls[c];
		for (int32_t i = 0; i < k->ncand; i++) {
			int32_t j = k->cand_off + i;
			double v = floor(y[j] + 1e-6);
			if (v < 1)
				continue;
			int32_t want = v > k->n ? k->n : (int32_t)v;
			int32_t room = ro_place_room(p, c, j);
			if (want > room)
				want = room;
			if (want > 0)
				ro_place_add(p, c, j, want);
		}
	}
	ro_free(order);
	return RO_OK;
}

/* Sorts candidate indices by (end, start, class): a merge sort, stable
 * and with no global state. */
static bool cand_before(const struct ro_inst *in, const int32_t *cls_of,
			int32_t a, int32_t b)
{
	const struct ro_cand *x = &in->cand[a], *y = &in->cand[b];

	if (x->e != y->e)
		return x->e < y->e;
	if (x->s != y->s)
		return x->s < y->s;
	return cls_of[a] < cls_of[b];
}

static void sort_cands_rec(int32_t *v, int32_t *tmp, size_t n,
			   const struct ro_inst *in, const int32_t *cls_of)
{
	if (n < 2)
		return;
	size_t h = n / 2, i = 0, j = h, k = 0;
	sort_cands_rec(v, tmp, h, in, cls_of);
	sort_cands_rec(v + h, tmp, n - h, in, cls_of);
	while (i < h && j < n)
		tmp[k++] = cand_before(in, cls_of, v[j], v[i]) ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

static void sort_cands(int32_t *v, size_t n, const struct ro_inst *in,
		       const int32_t *cls_of)
{
	int32_t *tmp = ro_mallocarray(n, sizeof *tmp);

	if (!tmp) {
		/* insertion sort: slow but needs no memory */
		for (size_t i = 1; i < n; i++)
			for (size_t k = i; k > 0 && cand_before(in, cls_of, v[k], v[k - 1]); k--) {
				int32_t t = v[k];
				v[k] = v[k - 1];
				v[k - 1] = t;
			}
		return;
	}
	sort_cands_rec(v, tmp, n, in, cls_of);
	ro_free(tmp);
}

int ro_place_round_timed(struct ro_place *p, const double *y)
{
	const struct ro_inst *in = p->in;
	int32_t *idx = ro_mallocarray(in->ncand, sizeof *idx);
	int32_t *cls_of = ro_mallocarray(in->ncand, sizeof *cls_of);
	double *cum = ro_calloc(in->ncls ? in->ncls : 1, sizeof *cum);
	size_t n = 0;

	if (!idx || !cls_of || !cum) {
		ro_free(idx);
		ro_free(cls_of);
		ro_free(cum);
		return RO_ENOMEM;
	}
	/* candidates the LP uses, in order of end, then start, then class */
	for (size_t c = 0; c < in->ncls; c++)
		for (int32_t i = 0; i < in->cls[c].ncand; i++) {
			int32_t j = in->cls[c].cand_off + i;
			cls_of[j] = (int32_t)c;
			if (y[j] > 1e-6)
				idx[n++] = j;
		}
	sort_cands(idx, n, in, cls_of);
	/* a class gets its k-th unit once the LP has started k - 0.5 of them:
	 * the LP's timing, rounded to the nearest whole client */
	for (size_t i = 0; i < n; i++) {
		int32_t j = idx[i], c = cls_of[j];
		cum[c] += y[j];
		int32_t want = (int32_t)floor(cum[c] + 0.5) - p->placed[c];
		if (want <= 0)
			continue;
		int32_t room = ro_place_room(p, c, j);
		if (want > room)
			want = room;
		if (want > 0)
			ro_place_add(p, c, j, want);
	}
	ro_free(idx);
	ro_free(cls_of);
	ro_free(cum);
	return RO_OK;
}

int ro_place_repair(struct ro_place *p, const double *y)
{
	const struct ro_inst *in = p->in;
	struct rank *order = rank_classes(in);

	if (!order)
		return RO_ENOMEM;
	for (size_t oi = 0; oi < in->ncls; oi++) {
		int32_t c = order[oi].c;
		const struct ro_cls *k = &in->cls[c];
		/* two passes: starts the LP used, then any; each by end, as
		 * candidates are stored in increasing start (and end) order */
		for (int pass = y ? 0 : 1; pass < 2; pass++)
			for (int32_t i = 0; i < k->ncand && p->placed[c] < k->n; i++) {
				int32_t j = k->cand_off + i;
				if (pass == 0 && y[j] <= 1e-6)
					continue;
				int32_t room = ro_place_room(p, c, j);
				int32_t want = k->n - p->placed[c];
				if (room > 0)
					ro_place_add(p, c, j, room < want ? room : want);
			}
	}
	ro_free(order);
	return RO_OK;
}

long ro_place_improve(struct ro_place *p, double stop_at)
{
	const struct ro_inst *in = p->in;
	long moved = 0;
	bool again = true;

	while (again) {
		again = false;
		for (size_t c = 0; c < in->ncls; c++) {
			const struct ro_cls *k = &in->cls[c];
			if (stop_at > 0 && ro_clock() > stop_at)
				return moved;
			for (int32_t i = k->ncand - 1; i > 0; i--) {
				int32_t j = k->cand_off + i;
				for (int32_t h = 0; h < i && p->cnt[j] > 0; h++) {
					int32_t jj = k->cand_off + h;
					if (in->cand[jj].e >= in->cand[j].e)
						break;
					/* bulk move what fits beside the units
					 * already at j, then one by one where the
					 * two transfers overlap */
					ro_place_add(p, (int32_t)c, j, -1);
					int32_t room = room_upto(p, (int32_t)c, jj,
								 1 + p->cnt[j]);
					if (room <= 0) {
						ro_place_add(p, (int32_t)c, j, 1);
						continue;
					}
					int32_t mv = 1 + p->cnt[j];
					if (mv > room)
						mv = room;
					ro_place_add(p, (int32_t)c, j, -(mv - 1));
					ro_place_add(p, (int32_t)c, jj, mv);
					moved += mv;
					again = true;
				}
			}
		}
	}
	return moved;
}
