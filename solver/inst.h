/*
 * inst.h - the planning instance: classes of identical clients, their
 * candidate starts, and the capacities they compete for.
 *
 * A class gathers every client the model cannot tell apart (same candidate
 * starts, triggers and reboot slots, size, duration, path, CAP, reboots,
 * priority).  The integer program has one integer column per (class,
 * candidate start): this is what keeps 100,000 clients tractable.
 * Candidates are only the starts that fit on their own (docs/semantics.md
 * "Completion and availability"), so a client without candidates is
 * unplaced before any solving, with its reason.
 */
#ifndef RO_SOLVER_INST_H
#define RO_SOLVER_INST_H

#include <stdbool.h>
#include <stdint.h>

#include "../model/diag.h"
#include "../model/expand.h"
#include "../model/site.h"

struct ro_cls {
	int32_t n;          /* clients */
	int32_t d;          /* transfer slots */
	int32_t r;          /* reboots */
	int32_t server;
	int32_t segment;
	int32_t path_off, path_len;   /* into inst.paths */
	int32_t cand_off, ncand;      /* into inst.cand */
	int64_t q;          /* bytes charged per transfer slot per link */
	int64_t w;          /* priority weight of one client */
	int32_t members_off;          /* into inst.members, n entries */
};

/* A candidate start of a class: its slot, the first of its reboot slots
 * rb .. rb+r-1 (docs/semantics.md, "Reboots": not a fixed distance from s,
 * since the client waits for a reboot window or a power-up), its
 * completion slot e = rb + r (s + d = rb without reboots) and trigger. */
struct ro_cand {
	int32_t s;
	int32_t rb;
	int32_t e;
	uint8_t trig;
};

/* No limit, in M and R. */
#define RO_UNLIMITED INT32_MAX

struct ro_inst {
	const struct ro_site *site;
	int32_t T;              /* slots */
	int32_t K;              /* reboot delay in slots */
	size_t nlinks, nservers;
	int64_t *U;             /* nlinks * T usable bytes */
	int32_t *M;             /* nservers * T concurrent transfers */
	int32_t *R;             /* nlinks * T reboots of clients on a segment */
	int32_t *parent;        /* nlinks: parent link, -1 at a root */
	int32_t *srv_link;      /* nservers: the CAP's link */

	struct ro_cls *cls;
	size_t ncls;
	struct ro_cand *cand;
	size_t ncand;
	int32_t *paths;
	size_t npaths;
	/* expanded client indices of each class, in id byte order */
	int32_t *members;

	/* per expanded client: its class (-1: no candidate) and, when it has
	 * none, the reason (enum ro_reason) */
	int32_t *client_cls;
	uint8_t *client_reason;
	size_t nclients;

	int64_t weight_total;       /* weight of every client */
	int64_t weight_placeable;   /* weight of clients with candidates */

	/* A view (ro_inst_subset) holds some classes of an instance and only
	 * the links and CAPs they use, renumbered: link_of, server_of and
	 * cls_of map its indices back to the instance's.  It owns everything
	 * but members (the instance's); client_cls and client_reason are
	 * NULL.  In an instance that is not a view the maps are NULL. */
	bool view;
	int32_t *link_of, *server_of, *cls_of;
};

/* The greatest common divisor of a and b (0 with 0: the gcd of nothing). */
static inline int64_t ro_gcd64(int64_t a, int64_t b)
{
	while (b) {
		int64_t t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* The site link index of link l of in. */
static inline int32_t ro_inst_site_link(const struct ro_inst *in, int32_t l)
{
	return in->link_of ? in->link_of[l] : l;
}

static inline int32_t ro_inst_site_server(const struct ro_inst *in, int32_t k)
{
	return in->server_of ? in->server_of[k] : k;
}

/* What the classes could ever put on each resource, counting each class
 * once per slot at q * n however many of its candidates (ending by
 * deadline) cover the slot, then tightened by what the links can carry
 * (a link never sees more than the links below it let through; a CAP never
 * serves more transfers at once than fit side by side on the links on
 * their way): link load (nlinks * T), CAP transfers (nservers * T), reboots
 * per segment link (nlinks * T); and the gcd and the least of the charges
 * on each link-slot (0 where none).  A resource whose potential stays
 * within its capacity cannot bind in any integer plan. */
struct ro_potential {
	double *link;
	int64_t *srv;
	int64_t *rb;
	int64_t *gcd;
	int64_t *qmin;
};

int ro_inst_potential(const struct ro_inst *in, int32_t deadline,
		      struct ro_potential *pot);

/* on[t] = 1 where some candidate of class c ending by deadline transfers
 * in slot t (T entries). */
void ro_inst_cover(const struct ro_inst *in, size_t c, int32_t deadline,
		   uint8_t *on);
void ro_potential_release(struct ro_potential *pot);

/* Splits the classes into components that can be planned apart: two
 * classes are in one component when they share a link, CAP or reboot limit
 * that their potential load (by deadline) could exceed, unless one of them
 * belongs to a minor user of it (a subtree whose share of the resource is
 * small, see inst_components.c).  A resource left to a minor user is
 * still shared: plans must respect it together (the planner gives each
 * part what the others leave), while the part's bound may count it whole.
 * Splitting by minor users gives up exactness (the parts only share what
 * is left, not what would be best for all): a component of at most
 * split_min candidate starts stays whole, and a part that stays larger
 * than SPLIT_MAX (inst_components.c) even by minor users is split as far
 * as its resources allow, whatever the shares; split_min 0 (for tests)
 * splits every component that far.  comp[c] receives the component of class
 * c, numbered from 0 in order of first class; *ncomp their number. */
int ro_inst_components(const struct ro_inst *in, int32_t deadline,
		       size_t split_min, int32_t *comp, int32_t *ncomp);

/* The classes cls[0..n) as an instance of their own (a view), with only
 * the links and CAPs they use. */
int ro_inst_subset(const struct ro_inst *in, const int32_t *cls, size_t n,
		   struct ro_inst *out);

/* The instance with one class per client (each class of n clients n
 * times over): the per-client formulation, for export.  A view, like
 * ro_inst_subset's.  RO_ELIMIT when it would not fit 32-bit indices. */
int ro_inst_split(const struct ro_inst *in, struct ro_inst *out);

/* Builds the instance.  Returns RO_OK, RO_ENOMEM or RO_ELIMIT (numbers out
 * of range), with a message in d. */
int ro_inst_build(struct ro_inst *in, const struct ro_site *s, struct ro_expand *x,
	       struct ro_diag *d);
void ro_inst_release(struct ro_inst *in);

#endif
