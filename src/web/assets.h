/* assets.h: files compiled into the program by scripts/embed-assets */
#ifndef REACH_ASSETS_H
#define REACH_ASSETS_H

#include <stddef.h>

/*
 * build/gen/assets.c (written by scripts/embed-assets) holds the stylesheets,
 * scripts and images the pages link to, and the translation files, so the
 * program needs no files beside it.
 *
 * A path starting with '/' is the URL the file is served at (every one is
 * under /assets/); a path without it is internal and never served
 * ("i18n/en.txt").
 */
struct embedded_file {
	const char *path;          /* "/assets/reach.css" or "i18n/en.txt" */
	const char *type;          /* Content-Type: "text/css; charset=utf-8" */
	const unsigned char *data; /* the bytes, followed by a NUL not counted in len */
	size_t len;                /* number of bytes */
};

extern const struct embedded_file embedded_files[];
extern const size_t embedded_files_count;

/* the file at exactly `path`, or NULL */
const struct embedded_file *assets_find(const char *path);

#endif
