module github.com/iamlogic/iamlogic

go 1.24

require (
	github.com/tidwall/gjson v1.20.1
	gopkg.in/yaml.v3 v3.0.1
)

require (
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.0 // indirect
)
