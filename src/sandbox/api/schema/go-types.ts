/**
 * Go type names that the OpenAPI schema does not carry. The decoder's type errors name the Go
 * type of the field (`... of type v1.PullPolicy`); the schema only says "string", so fields whose
 * Go type is a named string type are listed here, keyed `<GoStruct>.<jsonField>`. For a list the
 * name is its element's (`Capabilities.add` is `[]v1.Capability`). Sources: k8s.io/api
 * core/v1/types.go, apps/v1/types.go, batch/v1/types.go, autoscaling/v2/types.go,
 * networking/v1/types.go, discovery/v1/types.go, storage/v1/types.go, policy/v1/types.go and
 * k8s.io/apimachinery pkg/apis/meta/v1/types.go.
 */
export const NAMED_STRING_TYPES: Readonly<Record<string, string>> = {
  // k8s.io/apimachinery pkg/apis/meta/v1/types.go, pkg/types/uid.go
  "ObjectMeta.uid": "types.UID",
  "OwnerReference.uid": "types.UID",
  "LabelSelectorRequirement.operator": "v1.LabelSelectorOperator",
  // k8s.io/api core/v1/types.go
  "Container.imagePullPolicy": "v1.PullPolicy",
  "Container.terminationMessagePolicy": "v1.TerminationMessagePolicy",
  "Container.restartPolicy": "v1.ContainerRestartPolicy",
  "ContainerPort.protocol": "v1.Protocol",
  "ServicePort.protocol": "v1.Protocol",
  "EndpointPort.protocol": "v1.Protocol",
  "NetworkPolicyPort.protocol": "v1.Protocol",
  "Capabilities.add": "v1.Capability",
  "Capabilities.drop": "v1.Capability",
  "PodSpec.restartPolicy": "v1.RestartPolicy",
  "PodSpec.dnsPolicy": "v1.DNSPolicy",
  "PodSpec.preemptionPolicy": "v1.PreemptionPolicy",
  "PriorityClass.preemptionPolicy": "v1.PreemptionPolicy",
  "ServiceSpec.type": "v1.ServiceType",
  "ServiceSpec.sessionAffinity": "v1.ServiceAffinity",
  "ServiceSpec.externalTrafficPolicy": "v1.ServiceExternalTrafficPolicy",
  "ServiceSpec.internalTrafficPolicy": "v1.ServiceInternalTrafficPolicy",
  "ServiceSpec.ipFamilyPolicy": "v1.IPFamilyPolicy",
  "ServiceSpec.ipFamilies": "v1.IPFamily",
  "Toleration.operator": "v1.TolerationOperator",
  "Toleration.effect": "v1.TaintEffect",
  "Taint.effect": "v1.TaintEffect",
  "NodeSelectorRequirement.operator": "v1.NodeSelectorOperator",
  "PersistentVolumeClaimSpec.accessModes": "v1.PersistentVolumeAccessMode",
  "PersistentVolumeClaimSpec.volumeMode": "v1.PersistentVolumeMode",
  "PersistentVolumeSpec.accessModes": "v1.PersistentVolumeAccessMode",
  "PersistentVolumeSpec.volumeMode": "v1.PersistentVolumeMode",
  "PersistentVolumeSpec.persistentVolumeReclaimPolicy": "v1.PersistentVolumeReclaimPolicy",
  "StorageClass.reclaimPolicy": "v1.PersistentVolumeReclaimPolicy",
  "HostPathVolumeSource.type": "v1.HostPathType",
  "HTTPGetAction.scheme": "v1.URIScheme",
  "SeccompProfile.type": "v1.SeccompProfileType",
  "Secret.type": "v1.SecretType",
  "LimitRangeItem.type": "v1.LimitType",
  "ResourceQuotaSpec.scopes": "v1.ResourceQuotaScope",
  "NamespaceSpec.finalizers": "v1.FinalizerName",
  // k8s.io/api apps/v1/types.go
  "DeploymentStrategy.type": "v1.DeploymentStrategyType",
  "StatefulSetSpec.podManagementPolicy": "v1.PodManagementPolicyType",
  "StatefulSetUpdateStrategy.type": "v1.StatefulSetUpdateStrategyType",
  "DaemonSetUpdateStrategy.type": "v1.DaemonSetUpdateStrategyType",
  // k8s.io/api batch/v1/types.go
  "CronJobSpec.concurrencyPolicy": "v1.ConcurrencyPolicy",
  "JobSpec.completionMode": "v1.CompletionMode",
  "JobSpec.podReplacementPolicy": "v1.PodReplacementPolicy",
  // k8s.io/api autoscaling/v2/types.go
  "MetricSpec.type": "v2.MetricSourceType",
  "MetricTarget.type": "v2.MetricTargetType",
  "HPAScalingRules.selectPolicy": "v2.ScalingPolicySelect",
  "HPAScalingPolicy.type": "v2.HPAScalingPolicyType",
  // k8s.io/api networking/v1/types.go, storage/v1/types.go, discovery/v1/types.go, policy/v1/types.go
  "HTTPIngressPath.pathType": "v1.PathType",
  "NetworkPolicySpec.policyTypes": "v1.PolicyType",
  "StorageClass.volumeBindingMode": "v1.VolumeBindingMode",
  "EndpointSlice.addressType": "v1.AddressType",
  "PodDisruptionBudgetSpec.unhealthyPodEvictionPolicy": "v1.UnhealthyPodEvictionPolicyType",
};
