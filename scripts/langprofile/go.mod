module github.com/cmpulse/cmpulse/scripts/langprofile

go 1.26.8

require (
	github.com/pemistahl/lingua-go v1.4.0
	google.golang.org/protobuf v1.36.12
)
