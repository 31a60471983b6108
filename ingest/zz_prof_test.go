package ingest

import (
	"context"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"
)

func TestZZProf(t *testing.T) {
	if os.Getenv("ZZPROF") == "" {
		t.Skip()
	}
	done := make(chan bool)
	var peak uint64
	go func() {
		for {
			select {
			case <-done:
				return
			case <-time.After(200 * time.Millisecond):
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				if ms.HeapAlloc > peak {
					peak = ms.HeapAlloc
					f, _ := os.Create("/tmp/prof/heap.pb")
					pprof.WriteHeapProfile(f)
					f.Close()
				}
			}
		}
	}()
	os.RemoveAll("/tmp/profwh")
	_, err := Ingest(context.Background(), []string{os.Getenv("ZZPROF")}, Options{Warehouse: "/tmp/profwh"})
	close(done)
	t.Logf("peak heap %d MB, err %v", peak>>20, err)
}
