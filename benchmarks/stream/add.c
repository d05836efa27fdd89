/*
 * The machine's bandwidth for the loop ElementwiseBench measures, without Java or PyTorch:
 * a[i] += b[i] and a[i] = b[i] over 10M floats, OpenMP static schedule, the median of five
 * rounds of 200 calls (a median, as JMH's and bench.py's numbers are).
 * Bytes are counted as in ElementwiseBench (12 per add, 8 per copy, as STREAM counts them).
 *
 *   gcc -O3 -march=native -fopenmp benchmarks/stream/add.c -o /tmp/stream-add
 *   OMP_NUM_THREADS=2 /tmp/stream-add
 */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define N 10000000L

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

static double median5(double *v) {
  for (int i = 1; i < 5; i++) {
    for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
      double t = v[j];
      v[j] = v[j - 1];
      v[j - 1] = t;
    }
  }
  return v[2];
}

int main(void) {
  float *a = aligned_alloc(64, N * sizeof(float));
  float *b = aligned_alloc(64, N * sizeof(float));
  /* First touch in parallel, so each thread's half lies where that thread will stream it. */
#pragma omp parallel for schedule(static)
  for (long i = 0; i < N; i++) {
    a[i] = (float) (i % 7);
    b[i] = (float) (i % 5);
  }
  double adds[5], copies[5];
  for (int round = 0; round < 5; round++) {
    const int calls = 200;
    double t0 = now();
    for (int c = 0; c < calls; c++) {
#pragma omp parallel for schedule(static)
      for (long i = 0; i < N; i++) a[i] += b[i];
    }
    double add = (now() - t0) / calls;
    t0 = now();
    for (int c = 0; c < calls; c++) {
#pragma omp parallel for schedule(static)
      for (long i = 0; i < N; i++) a[i] = b[i];
    }
    double copy = (now() - t0) / calls;
    adds[round] = add;
    copies[round] = copy;
  }
  double medianAdd = median5(adds), medianCopy = median5(copies);
  printf("threads %d: add in place %.3f ms = %.1f GB/s; copy %.3f ms = %.1f GB/s (checksum %.0f)\n",
      omp_get_max_threads(), medianAdd * 1e3, 12.0 * N / medianAdd / 1e9, medianCopy * 1e3, 8.0 * N / medianCopy / 1e9,
      (double) a[N / 2]);
  free(a);
  free(b);
  return 0;
}
