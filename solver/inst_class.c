/*
 * inst_class.c - classes of identical clients: found or added by hash, and
 * their members in id order.
 *
 * ro_inst_build (inst.c) hands every record with candidates here; records
 * with equal (d, q, r, path, CAP, weight, candidate list with reboot
 * slots) share a class, whose members are then listed in client id byte
 * order, the order in which a plan's counts are handed to clients.
 */
#include <assert.h>
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "../model/plan.h"
#include "inst_priv.h"

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	return h;
}

static uint64_t class_hash(const struct ro_cls *c, const struct ro_cand *cd,
			   const int32_t *path)
{
	uint64_t h = 1469598103934665603ull;
	h = mix(h, (uint64_t)c->d);
	h = mix(h, (uint64_t)c->q);
	h = mix(h, (uint64_t)c->r);
	h = mix(h, (uint64_t)c->server);
	h = mix(h, (uint64_t)c->segment);
	h = mix(h, (uint64_t)c->w);
	h = mix(h, (uint64_t)c->path_len);
	for (int32_t i = 0; i < c->path_len; i++)
		h = mix(h, (uint64_t)path[i]);
	h = mix(h, (uint64_t)c->ncand);
	for (int32_t i = 0; i < c->ncand; i++)
		h = mix(mix(h, (uint64_t)cd[i].s << 8 | cd[i].trig),
			(uint64_t)cd[i].rb);
	return h;
}

static bool class_equal(const struct ro_inst *in, const struct ro_cls *a,
			const struct ro_cls *b, const struct ro_cand *bc,
			const int32_t *bpath)
{
	if (a->d != b->d || a->q != b->q || a->r != b->r ||
	    a->server != b->server || a->segment != b->segment ||
	    a->w != b->w || a->path_len != b->path_len ||
	    a->ncand != b->ncand)
		return false;
	if (memcmp(in->paths + a->path_off, bpath,
		   (size_t)a->path_len * sizeof *bpath) != 0)
		return false;
	for (int32_t i = 0; i < a->ncand; i++) {
		const struct ro_cand *x = &in->cand[a->cand_off + i];
		if (x->s != bc[i].s || x->trig != bc[i].trig ||
		    x->rb != bc[i].rb)
			return false;
	}
	return true;
}

/* Twice the room (at least 1024 slots), every class hashed in again. */
static bool table_grow(struct ro_clstab *t, const struct ro_inst *in)
{
	size_t cap = t->cap ? 2 * t->cap : 1024;
	int32_t *sl = ro_mallocarray(cap, sizeof *sl);

	if (!sl)
		return false;
	for (size_t i = 0; i < cap; i++)
		sl[i] = -1;
	for (size_t c = 0; c < in->ncls; c++) {
		size_t i = t->hashes[c] & (cap - 1);
		while (sl[i] >= 0)
			i = (i + 1) & (cap - 1);
		sl[i] = (int32_t)c;
	}
	ro_free(t->slot);
	t->slot = sl;
	t->cap = cap;
	return true;
}

/* Room for one more class, its candidates and its path. */
static bool make_room(struct ro_clstab *t, struct ro_inst *in,
		      const struct ro_cls *k)
{
	if (in->ncls == t->cls_cap) {
		size_t nc = t->cls_cap ? 2 * t->cls_cap : 256;
		void *a = ro_reallocarray(in->cls, nc, sizeof *in->cls);
		void *b = a ? ro_reallocarray(t->hashes, nc, sizeof *t->hashes)
			    : NULL;
		if (a)
			in->cls = a;
		if (!b)
			return false;
		t->hashes = b;
		t->cls_cap = nc;
	}
	while (in->ncand + (size_t)k->ncand > t->cand_cap) {
		size_t nc = t->cand_cap ? 2 * t->cand_cap : 4096;
		void *a = ro_reallocarray(in->cand, nc, sizeof *in->cand);
		if (!a)
			return false;
		in->cand = a;
		t->cand_cap = nc;
	}
	while (in->npaths + (size_t)k->path_len > t->path_cap) {
		size_t nc = t->path_cap ? 2 * t->path_cap : 1024;
		void *a = ro_reallocarray(in->paths, nc, sizeof *in->paths);
		if (!a)
			return false;
		in->paths = a;
		t->path_cap = nc;
	}
	return true;
}

int ro_clstab_add(struct ro_clstab *t, struct ro_inst *in,
		  const struct ro_cls *k, const struct ro_cand *cand,
		  const int32_t *path, int32_t *cls)
{
	uint64_t h = class_hash(k, cand, path);

	assert(k->ncand > 0 && k->path_len > 0);
	if (2 * (in->ncls + 1) > t->cap && !table_grow(t, in))
		return RO_ENOMEM;
	size_t i = h & (t->cap - 1);
	for (; t->slot[i] >= 0; i = (i + 1) & (t->cap - 1)) {
		int32_t c = t->slot[i];
		if (t->hashes[c] == h && class_equal(in, &in->cls[c], k, cand,
						     path)) {
			*cls = c;
			return RO_OK;
		}
	}
	if (!make_room(t, in, k))
		return RO_ENOMEM;
	struct ro_cls *o = &in->cls[in->ncls];
	*o = *k;
	o->n = 0;   /* the caller counts the record's clients in */
	o->cand_off = (int32_t)in->ncand;
	memcpy(in->cand + in->ncand, cand, (size_t)k->ncand * sizeof *cand);
	in->ncand += (size_t)k->ncand;
	o->path_off = (int32_t)in->npaths;
	memcpy(in->paths + in->npaths, path, (size_t)k->path_len * sizeof *path);
	in->npaths += (size_t)k->path_len;
	*cls = (int32_t)in->ncls;
	t->hashes[in->ncls++] = h;
	t->slot[i] = *cls;
	return RO_OK;
}

void ro_clstab_release(struct ro_clstab *t)
{
	ro_free(t->slot);
	ro_free(t->hashes);
	memset(t, 0, sizeof *t);
}

/* Sorting client indices by name: a merge sort with the names as context. */
static void sort_by_name(int32_t *v, int32_t *tmp, size_t n, const char *names,
			 const uint32_t *off)
{
	if (n < 2)
		return;
	size_t h = n / 2;
	sort_by_name(v, tmp, h, names, off);
	sort_by_name(v + h, tmp, n - h, names, off);
	size_t i = 0, j = h, k = 0;
	while (i < h && j < n)
		tmp[k++] = strcmp(names + off[v[j]], names + off[v[i]]) < 0
				   ? v[j++] : v[i++];
	while (i < h)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

int ro_inst_members(struct ro_inst *in)
{
	const struct ro_site *s = in->site;
	size_t n = in->nclients, len = 0;
	uint32_t *off = ro_mallocarray(n, sizeof *off);
	int32_t *order = ro_mallocarray(n, sizeof *order);
	int32_t *tmp = ro_mallocarray(n, sizeof *tmp);
	int32_t *fill = ro_calloc(in->ncls, sizeof *fill);
	char *names = NULL;
	int err = RO_ENOMEM;
	char buf[512];

	for (size_t c = 0, o = 0; c < in->ncls; c++) {
		in->cls[c].members_off = (int32_t)o;
		o += (size_t)in->cls[c].n;
	}
	in->members = ro_mallocarray(n, sizeof *in->members);
	if (!off || !order || !tmp || !fill || !in->members)
		goto out;
	for (size_t r = 0, i = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_client_name(s, r, k, buf, sizeof buf);
			len += strlen(buf) + 1;
		}
	names = ro_malloc(len);
	if (!names)
		goto out;
	len = 0;
	for (size_t r = 0, i = 0; r < s->nclients; r++)
		for (int32_t k = 0; k < s->clients[r].count; k++, i++) {
			ro_client_name(s, r, k, buf, sizeof buf);
			off[i] = (uint32_t)len;
			memcpy(names + len, buf, strlen(buf) + 1);
			len += strlen(buf) + 1;
			order[i] = (int32_t)i;
		}
	sort_by_name(order, tmp, n, names, off);
	for (size_t i = 0; i < n; i++) {
		int32_t c = in->client_cls[order[i]];
		if (c >= 0)
			in->members[in->cls[c].members_off + fill[c]++] = order[i];
	}
	for (size_t c = 0; c < in->ncls; c++)
		assert(fill[c] == in->cls[c].n);   /* the class counts */
	err = RO_OK;
out:
	ro_free(off);
	ro_free(order);
	ro_free(tmp);
	ro_free(fill);
	ro_free(names);
	return err;
}
