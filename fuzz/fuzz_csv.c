/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (io/csv.h) and the
 * inventory path of the site reader.
 *
 * The bytes are read row by row from memory (every field touched), then,
 * when small, written to a file that a fixed site names as its
 * <inventory>, so that the header, the columns and every client value go
 * through the same checks as in `rollout plan`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../io/csv.h"
#include "../io/site_read.h"
#include "../model/diag.h"
#include "../model/error.h"
#include "../model/site.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64], site_path[128], csv_path[128];

static const char site_xml[] =
	"<site version=\"1\" name=\"fuzz\">\n"
	"<horizon start=\"2026-11-30T08:00\" end=\"2026-12-01T08:00\"/>\n"
	"<calendars><calendar id=\"always\"><on days=\"Mon-Sun\"/></calendar>"
	"<calendar id=\"work\"><on days=\"Mon-Fri\" from=\"08:00\" to=\"17:00\"/>"
	"</calendar></calendars>\n"
	"<network><link id=\"lan\" kind=\"lan\" capacity-kbps=\"10000\"/>"
	"<link id=\"wan\" kind=\"wan\" capacity-kbps=\"64\" parent=\"lan\"/>"
	"</network>\n"
	"<servers><cap id=\"cap1\" link=\"lan\"/><logon-point id=\"lp\" "
	"link=\"lan\"/></servers>\n"
	"<payload base-mb=\"8\"><component id=\"rc\" size-mb=\"2\"/></payload>\n"
	"<clients><inventory file=\"inv.csv\"/></clients>\n"
	"</site>\n";

static void cleanup(void)
{
	unlink(csv_path);
	unlink(site_path);
	rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	FILE *f;

	(void)argc;
	(void)argv;
	strcpy(dir, "/tmp/ro-fuzz-csv-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	snprintf(site_path, sizeof site_path, "%s/site.xml", dir);
	snprintf(csv_path, sizeof csv_path, "%s/inv.csv", dir);
	f = fopen(site_path, "w");
	if (!f || fwrite(site_xml, 1, sizeof site_xml - 1, f) != sizeof site_xml - 1 ||
	    fclose(f) != 0)
		abort();
	atexit(cleanup);
	return 0;
}

/* Where the field lengths go, so that every field is read (and checked
 * by ASan) and the reads cannot be optimised away. */
static volatile size_t sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ro_csv *c = NULL;
	struct ro_diag d;
	struct ro_site *s = NULL;
	size_t sum = 0;
	bool eof = false;
	FILE *f;

	ro_diag_init(&d);
	if (ro_csv_open_memory((const char *)data, size, "fuzz.csv", &c) == RO_OK) {
		for (int rows = 0; rows < 100000; rows++) {
			int rc = ro_csv_next(c, &eof, &d);
			if (rc == RO_EPARSE)
				continue;
			if (rc != RO_OK || eof)
				break;
			for (size_t i = 0; i < ro_csv_nfields(c); i++)
				sum += strlen(ro_csv_field(c, i));
			sum += (size_t)ro_csv_line(c);
		}
	}
	sink += sum;
	ro_csv_close(c);
	ro_diag_release(&d);

	if (size > 65536)
		return 0;
	f = fopen(csv_path, "wb");
	if (!f)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	ro_diag_init(&d);
	ro_site_load(site_path, NULL, &s, &d);
	ro_site_free(s);
	ro_diag_release(&d);
	return 0;
}
