/*
 * fuzz_schedule.c - libFuzzer harness for the schedule reader
 * (ro_schedule_read) and the verifier behind it, as `rollout verify` runs
 * them: any bytes as a schedule of fuzz/schedule-site.xml.  A schedule
 * that reads is verified, figures and all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/schedule.h"
#include "../io/site_read.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../model/expand.h"
#include "../model/plan.h"
#include "../model/verify.h"

#ifndef RO_SRCDIR
#define RO_SRCDIR "."
#endif

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ro_site *site;
static struct ro_expand *xp;
static char dir[64], path[128];

static void cleanup(void)
{
	unlink(path);
	rmdir(dir);
	ro_expand_free(xp);
	ro_site_free(site);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct ro_diag d;

	(void)argc;
	(void)argv;
	ro_diag_init(&d);
	if (ro_site_load(RO_SRCDIR "/fuzz/schedule-site.xml", NULL, &site, &d))
		abort();
	ro_diag_release(&d);
	xp = ro_expand_new(site);
	strcpy(dir, "/tmp/ro-fuzz-schedule-XXXXXX");
	if (!xp || !mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/schedule.xml", dir);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ro_plan *p = NULL;
	struct ro_eval *ev = NULL;
	struct ro_diag d;
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	ro_diag_init(&d);
	if (ro_schedule_read(site, path, &p, &d) == RO_OK)
		ro_verify(site, xp, p, &ev, &d);
	ro_eval_free(ev);
	ro_plan_free(p);
	ro_diag_release(&d);
	return 0;
}
