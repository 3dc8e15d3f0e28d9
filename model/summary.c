/*
 * summary.c - site figures for `rollout info`: counts, per-link bytes,
 * usable capacity and a lower bound on the transfer time of each link.
 *
 * Work is linear in the client records times the path length, plus one
 * pass over links x slots for U(l,t) (docs/semantics.md, "Capacity").
 */
#include "summary.h"

#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "strmap.h"

__extension__ typedef __int128 i128;

struct os_tmp {
	const char *str;
	struct ro_summary_os os;
};

static int cmp_os(const void *pa, const void *pb)
{
	const struct os_tmp *a = pa, *b = pb;
	return strcmp(a->str, b->str);
}

void ro_summary_free(struct ro_summary *sm)
{
	if (!sm)
		return;
	ro_free(sm->os);
	ro_free(sm->links);
	ro_free(sm);
}

/* Counts by os string; equal strings count together even when the pool
 * holds them at different offsets. */
static int count_os(const struct ro_site *s, struct ro_summary *sm)
{
	struct ro_strmap *m = ro_strmap_new(16);
	struct os_tmp *v = NULL;
	size_t n = 0;
	int rc = RO_ENOMEM;

	if (!m)
		return RO_ENOMEM;
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		const char *str = ro_site_str(s, c->os);
		int32_t old;
		int put = ro_strmap_put(m, str, (int32_t)n, &old);

		if (put < 0)
			goto out_free;
		if (put == 0) {
			v[old].os.clients += c->count;
			continue;
		}
		if (!ro_grow((void **)&v, n, sizeof *v))
			goto out_free;
		v[n].str = str;
		v[n].os.name = c->os;
		v[n].os.clients = c->count;
		n++;
	}
	if (n) {
		qsort(v, n, sizeof *v, cmp_os);
		sm->os = ro_reallocarray(NULL, n, sizeof *sm->os);
		if (!sm->os)
			goto out_free;
		for (size_t i = 0; i < n; i++)
			sm->os[i] = v[i].os;
	}
	sm->nos = n;
	rc = RO_OK;
out_free:
	ro_free(v);
	ro_strmap_free(m);
	return rc;
}

/* Usable capacity and the time bound of link l, from its filled bytes and
 * ready_slot. */
static void link_bound(const struct ro_site *s, struct ro_expand *x,
		       int32_t l, struct ro_summary_link *k)
{
	int32_t T = s->horizon.nslots;
	i128 cum = 0, need = k->bytes;

	k->usable = 0;
	k->bound_slots = -1;
	k->fits = false;
	k->hours_needed = -1;
	if (need == 0) {
		k->bound_slots = 0;
		k->fits = true;
	}
	for (int32_t t = 0; t < T; t++) {
		int64_t u = ro_expand_usable(x, l, t);
		k->usable += u;
		if (k->fits || k->ready_slot < 0 || t < k->ready_slot)
			continue;
		cum += u;
		if (cum >= need) {
			k->fits = true;
			k->bound_slots = t - k->ready_slot + 1;
		}
	}
	if (!k->fits && k->usable > 0) {
		double hours = (double)T * s->horizon.slot_min / 60.0;
		k->hours_needed = (double)k->bytes / ((double)k->usable / hours);
	}
}

int ro_summary_compute(const struct ro_site *s, struct ro_expand *x,
		       struct ro_summary **out)
{
	struct ro_expand *own = NULL;
	struct ro_summary *sm;
	int32_t *path = NULL;
	int rc = RO_ENOMEM;

	if (!out)
		return RO_EARG;
	*out = NULL;
	if (!s)
		return RO_EARG;
	sm = ro_calloc(1, sizeof *sm);
	if (!sm)
		return RO_ENOMEM;
	if (!x) {
		own = x = ro_expand_new(s);
		if (!x)
			goto out_fail;
	}
	sm->nlinks = s->nlinks;
	if (s->nlinks) {
		sm->links = ro_calloc(s->nlinks, sizeof *sm->links);
		path = ro_reallocarray(NULL, s->nlinks, sizeof *path);
		if (!sm->links || !path)
			goto out_fail;
	}
	for (size_t l = 0; l < s->nlinks; l++)
		sm->links[l].ready_slot = -1;
	rc = count_os(s, sm);
	if (rc != RO_OK)
		goto out_fail;

	sm->records = s->nclients;
	for (size_t r = 0; r < s->nclients; r++) {
		const struct ro_client *c = &s->clients[r];
		int len;
		int32_t ready;
		size_t nopp;

		rc = RO_EINVAL;
		if (c->segment < 0 || (size_t)c->segment >= s->nlinks ||
		    c->server < 0 || (size_t)c->server >= s->nservers ||
		    c->count < 1)
			goto out_fail;
		len = ro_client_path(s, c, path, (int)s->nlinks);
		if (len < 0)
			goto out_fail;
		sm->clients += c->count;
		for (int b = 0; b < 3; b++)
			if (c->triggers & (1u << b))
				sm->by_trigger[b] += c->count;
		sm->by_conn[c->conn == RO_CONN_RAS] += c->count;
		sm->links[c->segment].segment_clients += c->count;

		ready = ro_expand_ready_slot(x, c->server);
		i128 bytes = (i128)c->bytes * c->count;
		for (int i = 0; i < len; i++) {
			struct ro_summary_link *k = &sm->links[path[i]];
			i128 sum = (i128)k->bytes + bytes;

			k->clients += c->count;
			/* cannot overflow within the reader's limits (1e7
			 * clients of at most 2^40 bytes < 2^64); saturate if a
			 * hand-built site goes beyond */
			k->bytes = sum > (i128)UINT64_MAX ? UINT64_MAX
							  : (uint64_t)sum;
			if (k->ready_slot < 0 || ready < k->ready_slot)
				k->ready_slot = ready;
		}

		rc = ro_expand_count_opportunities(x, r, false, &nopp);
		if (rc != RO_OK)
			goto out_fail;
		if (nopp == 0) {
			sm->no_opportunity += c->count;
		} else if (c->conn == RO_CONN_RAS) {
			rc = ro_expand_count_opportunities(x, r, true, &nopp);
			if (rc != RO_OK)
				goto out_fail;
			if (nopp == 0)
				sm->ras_only += c->count;
		}
	}
	for (size_t l = 0; l < s->nlinks; l++)
		link_bound(s, x, (int32_t)l, &sm->links[l]);

	ro_free(path);
	ro_expand_free(own);
	*out = sm;
	return RO_OK;

out_fail:
	ro_free(path);
	ro_expand_free(own);
	ro_summary_free(sm);
	return rc;
}
