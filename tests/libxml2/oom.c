/*
 * oom.c - libxml2 alone, without rollout, under allocation failures: the
 * reproduction behind "Known limits" in docs/reliability.md.
 *
 * Fails libxml2's Nth allocation (xmlMemSetup) for N = 1, 2, ... until a
 * run does not reach it, each N in a child process, during one of:
 *   tree             xmlNewParserCtxt + xmlCtxtReadMemory + free
 *   stream           xmlReaderForMemory + xmlTextReaderRead... + free
 *   tree-validate    tree, then xmlSchemaValidateDoc against SCHEMA
 *   stream-validate  stream with xmlTextReaderSetSchema(SCHEMA)
 * and prints the N whose child died of a signal.  Only libxml2's public
 * API is called, as its documentation says.  Under valgrind
 * (--leak-check=full, which follows the children) it also shows the
 * leaks libxml2 has on some of these paths.
 *
 *   cc -o oom tests/libxml2/oom.c $(pkg-config --cflags --libs libxml-2.0)
 *   ./oom MODE SCHEMA.xsd DOC.xml [sticky]
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

static long countdown, calls;
static int sticky;

static int fail(void)
{
	calls++;
	if (countdown > 0 && --countdown == 0) {
		if (sticky)
			countdown = 1;
		return 1;
	}
	return 0;
}

static void *m(size_t n) { return fail() ? NULL : malloc(n); }
static void *r(void *p, size_t n) { return fail() ? NULL : realloc(p, n); }
static char *s(const char *x) { return fail() ? NULL : strdup(x); }
static void quiet(void *c, xmlErrorPtr e) { (void)c; (void)e; }
static void silent(void *c, const char *msg, ...) { (void)c; (void)msg; }

static char *slurp(const char *path, int *len)
{
	FILE *f = fopen(path, "rb");
	char *b = malloc(1 << 24);

	if (!f || !b) {
		perror(path);
		exit(2);
	}
	*len = (int)fread(b, 1, 1 << 24, f);
	fclose(f);
	return b;
}

static void run(const char *mode, const char *doc, int len, xmlSchemaPtr xs)
{
	int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES;

	if (strncmp(mode, "tree", 4) == 0) {
		xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
		xmlDocPtr d = ctxt ? xmlCtxtReadMemory(ctxt, doc, len, "d.xml",
						       NULL, opts) : NULL;

		xmlFreeParserCtxt(ctxt);
		if (d && xs) {
			xmlSchemaValidCtxtPtr vc = xmlSchemaNewValidCtxt(xs);

			if (vc) {
				xmlSchemaSetValidStructuredErrors(vc, quiet, NULL);
				xmlSchemaValidateDoc(vc, d);
				xmlSchemaFreeValidCtxt(vc);
			}
		}
		xmlFreeDoc(d);
	} else {
		xmlTextReaderPtr xr = xmlReaderForMemory(doc, len, "d.xml", NULL,
							 opts);

		if (!xr)
			return;
		xmlTextReaderSetStructuredErrorHandler(xr, quiet, NULL);
		if (!xs || xmlTextReaderSetSchema(xr, xs) == 0)
			while (xmlTextReaderRead(xr) == 1)
				;
		xmlFreeTextReader(xr);
	}
}

int main(int argc, char **argv)
{
	const char *mode = argc > 3 ? argv[1] : "";
	int slen, dlen, validate = strstr(mode, "-validate") != NULL;
	long crashes = 0, n;
	char *sx, *dx;
	xmlSchemaPtr xs = NULL;

	if (argc < 4 || (strncmp(mode, "tree", 4) && strncmp(mode, "stream", 6))) {
		fprintf(stderr, "usage: oom tree|stream|tree-validate|"
			"stream-validate SCHEMA.xsd DOC.xml [sticky]\n");
		return 2;
	}
	sx = slurp(argv[2], &slen);
	dx = slurp(argv[3], &dlen);
	sticky = argc > 4 && atoi(argv[4]);
	xmlMemSetup(free, m, r, s);
	xmlInitParser();
	xmlSetStructuredErrorFunc(NULL, quiet);
	xmlSetGenericErrorFunc(NULL, silent);
	if (validate) {
		xmlSchemaParserCtxtPtr pc = xmlSchemaNewMemParserCtxt(sx, slen);

		xs = xmlSchemaParse(pc);
		xmlSchemaFreeParserCtxt(pc);
		if (!xs)
			return 2;
	}
	for (n = 1;; n++) {
		pid_t pid;
		int ws;

		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			long c0 = calls;

			countdown = n;
			run(mode, dx, dlen, xs);
			countdown = 0;
			xmlSchemaFree(xs);
			free(sx);
			free(dx);
			xmlCleanupParser();
			exit(calls - c0 >= n ? 0 : 100);
		}
		waitpid(pid, &ws, 0);
		if (WIFSIGNALED(ws)) {
			printf("N=%ld: signal %d\n", n, WTERMSIG(ws));
			crashes++;
		} else if (WEXITSTATUS(ws) == 100) {
			break;
		}
	}
	printf("%s, sticky %d: %ld runs, %ld died of a signal\n", mode, sticky,
	       n, crashes);
	return 0;
}
