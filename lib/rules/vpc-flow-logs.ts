import type { IConstruct } from 'constructs';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import {
  COMPLIANT,
  NOT_APPLICABLE,
  addressOf,
  findInStack,
  nonCompliant,
  referencedAddresses,
  resolveIn,
  type Rule,
  type RuleResult,
} from './rule';

/**
 * PL6: every VPC has flow logs: a FlowLog of the same stack whose `vpcId` refers to it
 * (compared as resolved Terraform addresses; each read of `vpc.id` is a new token).
 */
export const vpcFlowLogs: Rule = {
  id: 'PL6',
  name: 'vpc-flow-logs',
  severity: 'error',
  message: 'VPC has no flow log: add a FlowLog (e.g. the VpcFlowLog construct) with vpcId set to this VPC',
  check(node: IConstruct): RuleResult {
    if (!(node instanceof Vpc)) return NOT_APPLICABLE;
    const vpc = addressOf(node);
    const logged = findInStack(node, FlowLog).some((log) => referencedAddresses(resolveIn(log, log.vpcIdInput)).includes(vpc));
    return logged ? COMPLIANT : nonCompliant(`no aws_flow_log refers to ${vpc}`);
  },
};
