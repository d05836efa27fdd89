/*
 * The machine's bandwidth for the loop ElementwiseBench.addInPlace measures, without Java or
 * PyTorch: a[i] += b[i] over 10M floats with an OpenMP static schedule (one half per core).
 * benchmarks/turns/turns.py drives it: each line read from stdin is "add <calls>"; the answer is
 * one line, the seconds per call. So it runs in short turns alternating with the Java and PyTorch
 * loops, and all of them see the same phase of the host's bandwidth.
 *
 *   gcc -O3 -march=native -fopenmp benchmarks/turns/add.c -o /tmp/turn-add
 *   echo "add 200" | OMP_NUM_THREADS=2 /tmp/turn-add
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N 10000000L

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static void add(float *restrict a, const float *restrict b) {
#pragma omp parallel for schedule(static)
  for (long i = 0; i < N; i++) a[i] += b[i];
}

int main(void) {
  float *a = aligned_alloc(64, N * sizeof(float));
  float *b = aligned_alloc(64, N * sizeof(float));
  /* First touch by the threads that will stream each half, and small b so a never overflows. */
#pragma omp parallel for schedule(static)
  for (long i = 0; i < N; i++) {
    a[i] = (float) (i % 7);
    b[i] = (float) (i % 5) * 1e-6f;
  }
  for (int c = 0; c < 20; c++) add(a, b); /* warm-up: threads started, pages mapped */
  char line[64], name[32];
  int calls;
  while (fgets(line, sizeof line, stdin)) {
    if (sscanf(line, "%31s %d", name, &calls) != 2 || strcmp(name, "add") != 0) {
      fprintf(stderr, "add.c: expected 'add <calls>', got '%s'\n", line);
      return 2;
    }
    double t0 = now();
    for (int c = 0; c < calls; c++) add(a, b);
    printf("%.9f\n", (now() - t0) / (calls > 0 ? calls : 1));
    fflush(stdout);
  }
  fprintf(stderr, "checksum %.3f\n", (double) a[N / 2]);
  free(a);
  free(b);
  return 0;
}
