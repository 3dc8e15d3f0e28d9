/*
 * lp.c - the GLPK guard: every call into GLPK from solver/lp_*.c is made
 * between ro_lp_arm and ro_lp_disarm (lp_priv.h).
 *
 * GLPK aborts the process on misuse or internal failure unless an error
 * hook takes over (GLPK manual §2.1.2, §6.1.13).  Every public function of
 * lp.h arms a setjmp point first; the hook longjmps to it, then
 * glp_free_env() reclaims the environment, which destroys every GLPK
 * object: a generation counter marks all handles of the old environment
 * dead.  GLPK's terminal output is captured (never printed) so that its
 * last words can be reported.  The program is built in lp_build.c, solved
 * in lp_solve.c and exported in lp_export.c.
 */
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <glpk.h>

#include "../model/error.h"
#include "lp_priv.h"

/* The guard: one at a time (GLPK is not thread-safe either). */
static jmp_buf *guard;
static unsigned generation = 1;
static char glpk_words[1024];

static int term_hook(void *info, const char *s)
{
	size_t have = strlen(glpk_words), add = strlen(s);

	(void)info;
	if (have + add >= sizeof glpk_words) {
		/* keep the tail: the error is in the last lines */
		size_t keep = sizeof glpk_words / 2;
		if (have > keep) {
			memmove(glpk_words, glpk_words + have - keep, keep);
			glpk_words[keep] = '\0';
			have = keep;
		}
		if (add >= sizeof glpk_words - have)
			add = sizeof glpk_words - have - 1;
	}
	memcpy(glpk_words + have, s, add);
	glpk_words[have + add] = '\0';
	return 1;   /* never print */
}

static void error_hook(void *info)
{
	(void)info;
	longjmp(*guard, 1);
}

void ro_lp_arm(jmp_buf *jb)
{
	guard = jb;
	glpk_words[0] = '\0';
	glp_term_hook(term_hook, NULL);
	glp_error_hook(error_hook, NULL);
}

void ro_lp_disarm(void)
{
	glp_error_hook(NULL, NULL);
	guard = NULL;
}

void ro_lp_env_reset(void)
{
	glp_free_env();
	generation++;
	guard = NULL;
}

unsigned ro_lp_generation(void)
{
	return generation;
}

const char *ro_lp_glpk_words(void)
{
	return glpk_words[0] ? glpk_words : "no message";
}

int ro_lp_glpk_failed(struct ro_lp *lp, struct ro_diag *d, const char *what)
{
	char msg[sizeof glpk_words];
	size_t n;

	snprintf(msg, sizeof msg, "%s", glpk_words);
	for (n = strlen(msg); n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ');)
		msg[--n] = '\0';
	for (char *p = msg; *p; p++)
		if (*p == '\n')
			*p = ' ';
	ro_lp_env_reset();
	if (lp)
		lp->P = NULL;
	ro_diag_add(d, NULL, 0, "GLPK failed while %s: %s", what,
		    *msg ? msg : "no message");
	return RO_ESOLVER;
}

bool ro_lp_alive(const struct ro_lp *lp)
{
	return lp && lp->P && lp->gen == generation;
}

int ro_lp_dead(struct ro_diag *d)
{
	ro_diag_add(d, NULL, 0, "GLPK is unusable after an earlier failure");
	return RO_ESOLVER;
}

void ro_lp_size(const struct ro_lp *lp, int *rows, int *cols, long *nnz)
{
	*rows = lp->nrows;
	*cols = lp->ncols;
	*nnz = lp->nnz;
}
