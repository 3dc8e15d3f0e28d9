/*
 * inst_view.c - views of an instance: some of its classes with only the
 * links and CAPs they use (a part of the planner), or every class split
 * into one class per client (the per-client model, for export).
 */
#include <string.h>

#include "../model/alloc.h"
#include "../model/error.h"
#include "inst_priv.h"

int ro_inst_subset(const struct ro_inst *in, const int32_t *cls, size_t n,
		   struct ro_inst *out)
{
	const int32_t T = in->T;
	size_t ncand = 0, npaths = 0, nl = 0, ns = 0;
	int32_t *lmap = ro_malloc((in->nlinks + 1) * sizeof *lmap);
	int32_t *smap = ro_malloc((in->nservers + 1) * sizeof *smap);
	int err = RO_ENOMEM;

	memset(out, 0, sizeof *out);
	out->view = true;
	out->site = in->site;
	out->T = T;
	out->K = in->K;
	out->members = in->members;
	if (!lmap || !smap)
		goto out;
	for (size_t l = 0; l < in->nlinks; l++)
		lmap[l] = -1;
	for (size_t k = 0; k < in->nservers; k++)
		smap[k] = -1;
	for (size_t i = 0; i < n; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		ncand += (size_t)k->ncand;
		npaths += (size_t)k->path_len;
		for (int32_t p = 0; p < k->path_len; p++)
			if (lmap[in->paths[k->path_off + p]] < 0)
				lmap[in->paths[k->path_off + p]] = 0;
		smap[k->server] = 0;
	}
	/* keep the instance's order of links and CAPs */
	for (size_t l = 0; l < in->nlinks; l++)
		if (lmap[l] == 0)
			lmap[l] = (int32_t)nl++;
		else
			lmap[l] = -1;
	for (size_t k = 0; k < in->nservers; k++)
		smap[k] = smap[k] == 0 ? (int32_t)ns++ : -1;
	out->nlinks = nl;
	out->nservers = ns;
	out->ncls = n;
	out->U = ro_mallocarray(nl * (size_t)T, sizeof *out->U);
	out->R = ro_mallocarray(nl * (size_t)T, sizeof *out->R);
	out->M = ro_mallocarray(ns * (size_t)T, sizeof *out->M);
	out->parent = ro_mallocarray(nl, sizeof *out->parent);
	out->srv_link = ro_mallocarray(ns, sizeof *out->srv_link);
	out->link_of = ro_mallocarray(nl, sizeof *out->link_of);
	out->server_of = ro_mallocarray(ns, sizeof *out->server_of);
	out->cls_of = ro_mallocarray(n, sizeof *out->cls_of);
	out->cls = ro_mallocarray(n, sizeof *out->cls);
	out->cand = ro_mallocarray(ncand, sizeof *out->cand);
	out->paths = ro_mallocarray(npaths, sizeof *out->paths);
	if (!out->U || !out->R || !out->M || !out->parent || !out->srv_link ||
	    !out->link_of || !out->server_of || !out->cls_of || !out->cls ||
	    !out->cand || !out->paths)
		goto out;
	for (size_t l = 0; l < in->nlinks; l++) {
		int32_t v = lmap[l];
		if (v < 0)
			continue;
		out->link_of[v] = (int32_t)l;
		out->parent[v] = in->parent[l] >= 0 ? lmap[in->parent[l]] : -1;
		memcpy(out->U + (size_t)v * T, in->U + l * T, (size_t)T * sizeof *out->U);
		memcpy(out->R + (size_t)v * T, in->R + l * T, (size_t)T * sizeof *out->R);
	}
	for (size_t k = 0; k < in->nservers; k++) {
		int32_t v = smap[k];
		if (v < 0)
			continue;
		out->server_of[v] = (int32_t)k;
		out->srv_link[v] = lmap[in->srv_link[k]];
		memcpy(out->M + (size_t)v * T, in->M + k * T, (size_t)T * sizeof *out->M);
	}
	for (size_t i = 0; i < n; i++) {
		const struct ro_cls *k = &in->cls[cls[i]];
		struct ro_cls *o = &out->cls[i];
		*o = *k;
		o->segment = lmap[k->segment];
		o->server = smap[k->server];
		o->cand_off = (int32_t)out->ncand;
		memcpy(out->cand + out->ncand, in->cand + k->cand_off,
		       (size_t)k->ncand * sizeof *out->cand);
		out->ncand += (size_t)k->ncand;
		o->path_off = (int32_t)out->npaths;
		for (int32_t p = 0; p < k->path_len; p++)
			out->paths[out->npaths++] = lmap[in->paths[k->path_off + p]];
		out->cls_of[i] = cls[i];
		out->weight_placeable += k->w * k->n;
	}
	out->weight_total = out->weight_placeable;
	err = RO_OK;
out:
	ro_free(lmap);
	ro_free(smap);
	if (err) {
		out->members = NULL;
		ro_inst_release(out);
	}
	return err;
}

int ro_inst_split(const struct ro_inst *in, struct ro_inst *out)
{
	size_t ncls = 0, ncand = 0;
	int32_t *all = ro_mallocarray(in->ncls, sizeof *all);
	int err;

	if (!all)
		return RO_ENOMEM;
	for (size_t c = 0; c < in->ncls; c++) {
		all[c] = (int32_t)c;
		ncls += (size_t)in->cls[c].n;
		ncand += (size_t)in->cls[c].n * (size_t)in->cls[c].ncand;
	}
	if (ncls > INT32_MAX || ncand > INT32_MAX) {
		ro_free(all);
		return RO_ELIMIT;
	}
	/* a view of every class, then each class n times over */
	err = ro_inst_subset(in, all, in->ncls, out);
	ro_free(all);
	if (err)
		return err;
	struct ro_cls *cls = ro_mallocarray(ncls, sizeof *cls);
	struct ro_cand *cand = ro_mallocarray(ncand, sizeof *cand);
	int32_t *cls_of = ro_mallocarray(ncls, sizeof *cls_of);
	if (!cls || !cand || !cls_of) {
		ro_free(cls);
		ro_free(cand);
		ro_free(cls_of);
		out->members = NULL;
		ro_inst_release(out);
		return RO_ENOMEM;
	}
	size_t nc = 0, nj = 0;
	for (size_t c = 0; c < out->ncls; c++) {
		const struct ro_cls *k = &out->cls[c];
		for (int32_t u = 0; u < k->n; u++, nc++) {
			cls[nc] = *k;
			cls[nc].n = 1;
			cls[nc].members_off = k->members_off + u;
			cls[nc].cand_off = (int32_t)nj;
			memcpy(cand + nj, out->cand + k->cand_off,
			       (size_t)k->ncand * sizeof *cand);
			nj += (size_t)k->ncand;
			cls_of[nc] = out->cls_of[c];
		}
	}
	ro_free(out->cls);
	ro_free(out->cand);
	ro_free(out->cls_of);
	out->cls = cls;
	out->cand = cand;
	out->cls_of = cls_of;
	out->ncls = nc;
	out->ncand = nj;
	return RO_OK;
}
