/*
 * inst_priv.h - what the files of the planning instance share
 * (solver/inst*.c): the class table of the build, the link forest and the
 * classes by resource, and the capped sums that the potentials and the
 * components both walk.
 *
 * Not a public header.  Each struct here is owned by the function that
 * builds it and freed by its _release, which accepts one never built.
 */
#ifndef RO_INST_PRIV_H
#define RO_INST_PRIV_H

#include <stdbool.h>
#include <stdint.h>

#include "inst.h"

/* ---- classes (inst_class.c) ---------------------------------------------- */

/* The classes found so far: an open-addressing table of class indices
 * keyed by a hash of the class, and the room in the instance's growing
 * arrays. */
struct ro_clstab {
	int32_t *slot;
	size_t cap;
	uint64_t *hashes;         /* per class of the instance */
	size_t cls_cap, cand_cap, path_cap;
};

/* The class of k with candidates cand and path path: an equal class of in,
 * or a new one appended (with n = 0) whose candidates and path are copied
 * into in.  RO_OK with *cls, or RO_ENOMEM. */
int ro_clstab_add(struct ro_clstab *t, struct ro_inst *in,
		  const struct ro_cls *k, const struct ro_cand *cand,
		  const int32_t *path, int32_t *cls);
void ro_clstab_release(struct ro_clstab *t);

/* Once every class has its clients (client_cls, cls[].n): each class's
 * members in id byte order (docs/semantics.md, "Handing a plan to
 * clients").  RO_OK or RO_ENOMEM. */
int ro_inst_members(struct ro_inst *in);

/* ---- indexes and capped sums (inst_potential.c) -------------------------- */

/* The link forest in post-order (children before parents), so that the
 * subtree of link v is the range first[v] .. pos[v] of post. */
struct forest {
	int32_t *post, *first, *pos;
};

int ro_forest_build(const struct ro_inst *in, struct forest *f);
void ro_forest_release(struct forest *f);

/* Classes by resource, as CSR lists: by each link of their path, and by
 * their CAP. */
struct byres {
	int32_t *off, *cls;
};

int ro_byres_build(const struct ro_inst *in, bool by_server, struct byres *b);
void ro_byres_release(struct byres *b);

/* Transfers that fit side by side on link-slot i: at most U / qmin. */
double ro_count_cap(const struct ro_inst *in, const struct ro_potential *pot,
		    size_t i);

/* The most that classes cls can put on link top in each slot when each
 * link below carries at most its capacity, into acc (inst_potential.c). */
void ro_capped_sum(const struct ro_inst *in, const struct ro_potential *pot,
		   const struct forest *f, const int32_t *cls, int32_t ncls,
		   int32_t top, int32_t deadline, bool unit, bool groups,
		   double *acc, uint8_t *on);

#endif
