/*
 * verify.c - the independent check of a plan (docs/semantics.md): ro_verify.
 *
 * Written from the semantics alone, never from solver/: from each client's
 * start slot it recomputes duration, charge, end and reboot slots (the
 * restart rule is the model's, model/reboot.h), adds the charges onto the
 * links of the path, counts server concurrency and reboots per segment,
 * and compares everything with the limits in exact integer arithmetic
 * (128-bit where a product can pass 64 bits).  For a plan read from a
 * schedule file it then compares every claim of the file.  This file runs
 * the passes (verify_priv.h says which file does what) and owns the
 * result, struct ro_eval.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "verify_priv.h"

void ro_eval_free(struct ro_eval *ev)
{
	if (!ev)
		return;
	ro_free(ev->usable);
	ro_free(ev->load);
	ro_free(ev->server_use);
	ro_free(ev->reboots);
	ro_free(ev->dur);
	ro_free(ev->charge);
	ro_free(ev->end);
	ro_free(ev);
}

static struct ro_eval *eval_new(const struct ro_site *s, size_t n)
{
	struct ro_eval *ev = ro_calloc(1, sizeof *ev);
	size_t T = (size_t)s->horizon.nslots;

	if (!ev)
		return NULL;
	ev->nslots = s->horizon.nslots;
	ev->nlinks = s->nlinks;
	ev->nservers = s->nservers;
	ev->nrecords = s->nclients;
	ev->usable = ro_calloc(s->nlinks * T, sizeof *ev->usable);
	ev->load = ro_calloc(s->nlinks * T, sizeof *ev->load);
	ev->server_use = ro_calloc(s->nservers * T, sizeof *ev->server_use);
	ev->reboots = ro_calloc(s->nlinks * T, sizeof *ev->reboots);
	ev->dur = ro_calloc(s->nclients, sizeof *ev->dur);
	ev->charge = ro_calloc(s->nclients, sizeof *ev->charge);
	ev->end = ro_calloc(n, sizeof *ev->end);
	if (!ev->usable || !ev->load || !ev->server_use || !ev->reboots ||
	    !ev->dur || !ev->charge || !ev->end) {
		ro_eval_free(ev);
		return NULL;
	}
	return ev;
}

long ro_verify(const struct ro_site *s, struct ro_expand *x,
	       const struct ro_plan *p, struct ro_eval **evp,
	       struct ro_diag *v)
{
	struct ro_verifier c;
	long rc = -1;

	if (evp)
		*evp = NULL;
	if (!s || !x || !p || !v || p->n != (size_t)s->nclients_total ||
	    p->nrecords != s->nclients || s->horizon.nslots < 1 ||
	    s->horizon.slot_min < 1) {
		if (v)
			ro_diag_add(v, NULL, 0, "cannot verify: the plan does "
				    "not belong to the site");
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.s = s;
	c.x = x;
	c.p = p;
	c.v = v;
	c.T = s->horizon.nslots;
	c.L = s->horizon.slot_min;
	c.K = (int32_t)(((int64_t)(s->policy.reboot_delay_min > 0
					  ? s->policy.reboot_delay_min : 0) +
			 c.L - 1) / c.L);
	c.words = ro_bits_words(c.T);
	c.on_rec = c.opp_rec = c.pres_rec = -1;
	if (ro_expand_reboot_bits(x, &c.rb_ok) != RO_OK)
		goto out_free;
	c.ev = eval_new(s, p->n);
	c.path = ro_calloc(s->nlinks, sizeof *c.path);
	c.on = ro_calloc(c.words, sizeof *c.on);
	c.pres = ro_calloc(c.words, sizeof *c.pres);
	if (!c.ev || !c.path || !c.on || !c.pres)
		goto out_free;
	c.ev->reboot_delay_slots = c.K;

	for (size_t l = 0; l < s->nlinks; l++) {
		const struct ro_link *lk = &s->links[l];
		for (int32_t t = 0; t < c.T; t++) {
			uint32_t bg = lk->profile >= 0
				? ro_expand_background(x, (int32_t)l, t) : 0;
			c.ev->usable[l * (size_t)c.T + (size_t)t] =
				ro_vf_usable(lk->capacity_bps, bg,
					     lk->share_ppm, c.L);
		}
	}

	int64_t first = 0;
	for (size_t r = 0; r < s->nclients; r++) {
		if (ro_vf_check_record(&c, r, first) != RO_OK)
			goto out_free;
		first += s->clients[r].count;
	}
	ro_vf_check_links(&c);
	if (ro_vf_check_stated(&c) != RO_OK)
		goto out_free;
	rc = c.nviol;
	if (evp) {
		*evp = c.ev;
		c.ev = NULL;
	}
out_free:
	if (rc < 0)
		ro_diag_add(v, NULL, 0, "cannot verify: out of memory");
	ro_eval_free(c.ev);
	ro_free(c.path);
	ro_free(c.on);
	ro_free(c.pres);
	ro_free(c.opp);
	return rc;
}
