/*
 * lp_priv.h - what the files of the GLPK program share (solver/lp*.c): the
 * handle's body and the guard every GLPK call runs under.
 *
 * Not a public header; only solver/ sees glpk.h.  The rule of the guard:
 * a function that calls GLPK first does "if (setjmp(jb)) return
 * ro_lp_glpk_failed(lp, d, what);" and ro_lp_arm(&jb), and calls
 * ro_lp_disarm() after its last GLPK call; a handle is used only while
 * ro_lp_alive().
 */
#ifndef RO_LP_PRIV_H
#define RO_LP_PRIV_H

#include <setjmp.h>
#include <stdbool.h>

#include <glpk.h>

#include "../model/diag.h"
#include "lp.h"
#include "pattern.h"

struct rowmap;

struct ro_lp {
	glp_prob *P;
	unsigned gen;             /* GLPK environment generation */
	const struct ro_inst *in;
	bool peak;
	int *col;                 /* ncand: column (1-based) or 0 */
	int zcol;                 /* peak variable column, 0 if none */
	int wrow;                 /* weight row */
	int nrows, ncols;
	long nnz;
	bool has_basis;           /* the last LP ended optimal: warm start */
	enum ro_lp_obj obj;       /* the objective set last */
	int32_t deadline;         /* columns ending later are fixed at 0 */
	bool loosened;            /* only a later deadline since the last LP */
	/* link-slots described by patterns (pattern.h): the slot row, then
	 * one row per size; one column per pattern from col */
	struct pslot {
		int32_t link, t, set;
		int row, col;
	} *ps;
	int32_t nps;
	struct ro_patset *sets;
	int32_t nsets;
	struct rowmap *map;       /* rows by resource and slot, for pricing */
};

/* ---- the guard (lp.c) ---------------------------------------------------- */

void ro_lp_arm(jmp_buf *jb);
void ro_lp_disarm(void);
/* After a longjmp out of GLPK: frees the environment, reports its last
 * words ("GLPK failed while WHAT: ...") and returns RO_ESOLVER. */
int ro_lp_glpk_failed(struct ro_lp *lp, struct ro_diag *d, const char *what);
/* Frees the environment after a failure (every handle becomes dead). */
void ro_lp_env_reset(void);
/* The environment's generation, for new handles. */
unsigned ro_lp_generation(void);
/* GLPK's last terminal output, or "no message". */
const char *ro_lp_glpk_words(void);
/* Whether lp's GLPK object still exists. */
bool ro_lp_alive(const struct ro_lp *lp);
/* Reports a dead handle; RO_ESOLVER. */
int ro_lp_dead(struct ro_diag *d);

/* ---- shared by building and solving (lp_build.c) -------------------------- */

void ro_lp_rowmap_release(struct rowmap *m);
/* The rows of column j (candidate c) with their coefficients, into
 * rows/vals (room for ro_lp_col_room(lp, c) entries); its count. */
int32_t ro_lp_col_room(const struct ro_lp *lp, size_t c);
int32_t ro_lp_col_rows(const struct ro_lp *lp, size_t c, int32_t j,
		       int *rows, double *vals);

#endif
