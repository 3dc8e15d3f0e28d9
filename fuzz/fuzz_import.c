/*
 * fuzz_import.c - libFuzzer harness for rollout import (io/import.h): the
 * bytes are an inventory export, imported against a fixed template and
 * boundaries file, into a site (which the importer loads again) and into a
 * clients CSV.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/import.h"
#include "../model/alloc.h"
#include "../model/diag.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], site_path[128], bounds_path[128];

static const char site_xml[] =
	"<site version=\"1\" name=\"fuzz\">\n"
	"<horizon start=\"2026-11-30T08:00\" end=\"2026-12-01T08:00\"/>\n"
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>"
	"</calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/>"
	"<link id=\"wan\" kind=\"wan\" capacity-kbps=\"64\" parent=\"lan\"/>"
	"</network>\n"
	"<servers><cap id=\"cap1\" link=\"lan\"/></servers>\n"
	"<payload base-mb=\"8\"><component id=\"rc\" size-mb=\"2\"/></payload>\n"
	"<clients>\n</clients>\n"
	"</site>\n";

static const char bounds_csv[] =
	"boundary,link\n10.1.0.0/16,lan\n10.2.0.1-10.2.0.99,wan\n10.3.0.0,wan\n";

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	if (!f || fputs(text, f) == EOF || fclose(f) != 0)
		abort();
}

static void cleanup(void)
{
	unlink(site_path);
	unlink(bounds_path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	strcpy(dir, "/tmp/ro-fuzz-import-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(site_path, sizeof site_path, "%s/site.xml", dir);
	snprintf(bounds_path, sizeof bounds_path, "%s/bounds.csv", dir);
	put(site_path, site_xml);
	put(bounds_path, bounds_csv);
	atexit(cleanup);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ro_import_opts o;
	struct ro_import_stats st;
	struct ro_diag d;
	char *out = NULL;
	size_t len;

	ro_import_opts_init(&o);
	o.site = site_path;
	o.boundaries = bounds_path;
	o.office = "always";
	for (int f = 0; f < 2; f++) {
		o.format = f ? RO_IMPORT_CSV : RO_IMPORT_SITE;
		ro_diag_init(&d);
		ro_import_buf(&o, (const char *)data, size, "fuzz.csv", &out, &len,
			      &st, &d);
		ro_free(out);
		out = NULL;
		ro_diag_release(&d);
	}
	return 0;
}
