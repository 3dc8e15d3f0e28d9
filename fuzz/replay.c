/*
 * replay.c - runs a libFuzzer harness over files without libFuzzer, for
 * coverage builds with gcc (fuzz/coverage.sh) and for debugging a crash
 * under gdb or valgrind:
 *
 *     replay-site FILE|DIR...
 *
 * Each file is one input; a directory stands for the files in it.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Not every harness has an initialiser. */
__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static long run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		perror(path);
		exit(1);
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 1;
}

static long run_path(const char *path)
{
	struct stat st;
	struct dirent *e;
	DIR *d;
	long n = 0;

	if (stat(path, &st) != 0) {
		perror(path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	d = opendir(path);
	while (d && (e = readdir(d)) != NULL) {
		char p[4096];
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, "%s/%s", path, e->d_name);
		n += run_path(p);
	}
	if (d)
		closedir(d);
	return n;
}

int main(int argc, char **argv)
{
	long n = 0;

	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++)
		n += run_path(argv[i]);
	fprintf(stderr, "replay: %ld inputs\n", n);
	return 0;
}
